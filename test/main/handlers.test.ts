import { describe, expect, it } from 'vitest';
import type { ConfigStore } from '../../main/config-store.ts';
import { createHandlers, type HandlerDeps } from '../../main/handlers.ts';
import { HostError } from '../../main/host-error.ts';
import type { ZplJob } from '../../main/zpl.ts';
import { recordingLog } from './fake-electron.ts';

const unusedConfig: ConfigStore = {
  load: async () => {},
  view: () => null,
  serverOrigin: () => null,
  token: async () => null,
  assertCanKeepToken: async () => {},
  set: async () => {
    throw new Error('not in this test');
  },
};

function handlersWith(overrides: Partial<HandlerDeps> = {}) {
  const { log, entries } = recordingLog();
  const jobs: ZplJob[] = [];
  const opened: string[] = [];
  const handlers = createHandlers({
    config: unusedConfig,
    enrol: async () => ({ outcome: 'unreachable', message: 'not in this test' }),
    listPrinters: async () => [],
    print: async () => ({ outcome: 'printed', printer: null }),
    sendZpl: async (job) => {
      jobs.push(job);
      return { bytes: job.zpl.length };
    },
    version: { version: '1.4.2', electron: '45.4.1', chrome: '140.0', platform: 'linux' },
    rendererLog: log,
    externalHosts: () => ['www.ups.com'],
    openExternal: async (url) => {
      opened.push(url);
    },
    ...overrides,
  });
  return { handlers, entries, jobs, opened };
}

describe('bridge handlers', () => {
  it('sends ZPL to port 9100 with a 3 s timeout unless told otherwise', async () => {
    const { handlers, jobs } = handlersWith();
    await handlers['print:zpl']({ host: '10.0.0.5', zpl: '^XA^XZ' });
    await handlers['print:zpl']({ host: 'zebra-2.local', port: 6101, zpl: '^XA^XZ', timeoutMs: 500 });
    expect(jobs).toEqual([
      { host: '10.0.0.5', port: 9100, zpl: '^XA^XZ', timeoutMs: 3000 },
      { host: 'zebra-2.local', port: 6101, zpl: '^XA^XZ', timeoutMs: 500 },
    ]);
  });

  it('writes renderer log lines at their level, and cuts oversized context', async () => {
    const { handlers, entries } = handlersWith();
    await handlers['log:write']({ level: 'error', message: 'Scan rejected', context: { sku: 'A-1' } });
    await handlers['log:write']({ level: 'info', message: 'Big', context: { blob: 'x'.repeat(20_000) } });
    expect(entries).toEqual([
      { level: 'error', context: { context: { sku: 'A-1' } }, message: 'Scan rejected' },
      { level: 'info', context: { context: { truncated: 20_011 } }, message: 'Big' },
    ]);
  });

  it('opens allow-listed links and refuses the rest with a sentence', async () => {
    const { handlers, opened } = handlersWith();
    expect(await handlers['external:open']({ url: 'https://www.ups.com/track?n=1Z' })).toBeNull();
    await expect(handlers['external:open']({ url: 'https://evil.example/' })).rejects.toEqual(
      new HostError('not-allowed', 'Packline does not open links to evil.example.'),
    );
    expect(opened).toEqual(['https://www.ups.com/track?n=1Z']);
  });

  it('reports the app and runtime versions', async () => {
    expect(await handlersWith().handlers['app:version'](undefined)).toEqual({ version: '1.4.2', electron: '45.4.1', chrome: '140.0', platform: 'linux' });
  });
});
