import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBridgeApi, type Invoke } from '../../main/bridge-api.ts';
import { BRIDGE_KEY, CHANNELS } from '../../shared/bridge/channels.ts';
import { succeed } from '../../shared/bridge/result.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Exposed = { key: string; api: Record<string, unknown> };

/**
 * Bundle the real preload as build.ts does and run it with a stand-in `require`: the bundle may
 * ask for nothing but 'electron', and gets a fake contextBridge/ipcRenderer that record use.
 * (The real 'electron' package is never loaded: in Node it tries to download a binary.)
 */
async function runPreload() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['main/preload.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  const exposed: Exposed[] = [];
  const ipcUse: string[] = [];
  const invoked: { channel: string; args: unknown[] }[] = [];
  const ipcRenderer = new Proxy(
    {},
    {
      get: (_target, key) => {
        ipcUse.push(String(key));
        return async (channel: string, ...args: unknown[]) => {
          invoked.push({ channel, args });
          return succeed(`answer to ${channel}`);
        };
      },
    },
  );
  const contextBridge = {
    exposeInMainWorld: (key: string, api: Record<string, unknown>) => {
      exposed.push({ key, api });
    },
  };
  const required: string[] = [];
  const fakeRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`preload required ${name}`);
    return { contextBridge, ipcRenderer };
  };
  // A fresh context with no Node globals, like the sandboxed preload's.
  const module = { exports: {} };
  vm.runInNewContext(code, { require: fakeRequire, module, exports: module.exports });
  return { code, exposed, ipcUse, invoked, required };
}

describe('preload', () => {
  let run: Awaited<ReturnType<typeof runPreload>>;
  beforeAll(async () => {
    run = await runPreload();
  });

  it('requires only electron and exposes exactly one object, as window.packline', () => {
    expect(run.required).toEqual(['electron']);
    expect(run.exposed.map((e) => e.key)).toEqual([BRIDGE_KEY]);
  });

  it('exposes one function per contract channel and nothing else', () => {
    const api = run.exposed[0]?.api ?? {};
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('uses only ipcRenderer.invoke, and only when the page calls the bridge', async () => {
    expect(run.ipcUse).toEqual([]);
    const api = run.exposed[0]?.api ?? {};
    const zpl = api['print:zpl'];
    if (typeof zpl !== 'function') throw new Error('print:zpl missing');
    expect(await zpl({ host: '10.0.0.5', zpl: '^XA^XZ' })).toEqual({ ok: true, value: 'answer to print:zpl' });
    expect(run.ipcUse).toEqual(['invoke']);
    expect(run.invoked).toEqual([{ channel: 'print:zpl', args: [{ host: '10.0.0.5', zpl: '^XA^XZ' }] }]);
  });

  it('ships no validators or Node code to the renderer', () => {
    expect(run.code).not.toMatch(/typebox|node:|process\./);
    expect(run.code.length).toBeLessThan(4000);
  });
});

describe('bridge API', () => {
  it('sends each channel its arguments, and no-argument channels undefined', async () => {
    const calls: { channel: string; args: unknown }[] = [];
    // Only what is sent matters here; the answer is the no-handler case tested below.
    const invoke: Invoke = async (channel, args) => {
      calls.push({ channel, args });
      throw new Error('not answered');
    };
    const api = createBridgeApi(invoke);
    await api['app:version']();
    await api['log:write']({ level: 'warn', message: 'Scanner unplugged' });
    expect(calls).toEqual([
      { channel: 'app:version', args: undefined },
      { channel: 'log:write', args: { level: 'warn', message: 'Scanner unplugged' } },
    ]);
  });

  it('resolves to an `unavailable` failure instead of rejecting when the host does not answer', async () => {
    const api = createBridgeApi(async () => {
      throw new Error("Error invoking remote method 'printers:list': Error: No handler registered");
    });
    expect(await api['printers:list']()).toEqual({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('The desktop host did not answer') },
    });
  });
});
