import { beforeEach, describe, expect, it } from 'vitest';
import { HostError } from '../../main/host-error.ts';
import { registerBridge, type BridgeHandlers } from '../../main/ipc.ts';
import type { Log } from '../../main/logging.ts';
import { CHANNELS, type Channel } from '../../shared/bridge/channels.ts';
import { FakeIpcMain, invokeEvent, recordingLog, type LogEntry } from './fake-electron.ts';

const OWN_WINDOW = 7;
const config = { serverUrl: 'https://oms.example.com/', siteId: 'site-1', stationName: 'Pack 3', hasToken: true };

type Setup = {
  ipc: FakeIpcMain;
  calls: { channel: Channel; args: unknown }[];
  log: Log;
  entries: LogEntry[];
  handlers: { -readonly [K in keyof BridgeHandlers]: BridgeHandlers[K] };
};

function setup(): Setup {
  const ipc = new FakeIpcMain();
  const calls: Setup['calls'] = [];
  const { log, entries } = recordingLog();
  const handlers: Setup['handlers'] = {
    'config:get': async () => (calls.push({ channel: 'config:get', args: undefined }), config),
    'config:set': async (args) => (calls.push({ channel: 'config:set', args }), config),
    'station:enrol': async (args) => (calls.push({ channel: 'station:enrol', args }), { outcome: 'unreachable', message: 'not in this test' }),
    'printers:list': async () => (calls.push({ channel: 'printers:list', args: undefined }), []),
    'print:document': async (args) => (calls.push({ channel: 'print:document', args }), { outcome: 'printed', printer: null }),
    'print:zpl': async (args) => (calls.push({ channel: 'print:zpl', args }), { bytes: args.zpl.length }),
    'app:version': async () => (calls.push({ channel: 'app:version', args: undefined }), { version: '1.0.0', electron: '45.4.1', chrome: '140', platform: 'linux' }),
    'log:write': async (args) => (calls.push({ channel: 'log:write', args }), null),
    'external:open': async (args) => (calls.push({ channel: 'external:open', args }), null),
  };
  // A test may swap a handler in before registering.
  return { ipc, calls, log, entries, handlers };
}

function register(s: Setup): void {
  registerBridge(s.ipc, s.handlers, { isOwnWindow: (id) => id === OWN_WINDOW, log: s.log });
}

const zpl = { host: '10.0.0.5', zpl: '^XA^FDHello^FS^XZ' };

describe('bridge IPC', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it('registers one handler per contract channel and nothing else', () => {
    register(s);
    expect([...s.ipc.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('runs the handler for a valid message from the app window and wraps the result', async () => {
    register(s);
    const result = await s.ipc.invoke('print:zpl', invokeEvent(OWN_WINDOW), zpl);
    expect(result).toEqual({ ok: true, value: { bytes: zpl.zpl.length } });
    expect(s.calls).toEqual([{ channel: 'print:zpl', args: zpl }]);
  });

  it('passes no-argument channels an undefined argument', async () => {
    register(s);
    expect(await s.ipc.invoke('config:get', invokeEvent(OWN_WINDOW), undefined)).toEqual({ ok: true, value: config });
    expect(await s.ipc.invoke('app:version', invokeEvent(OWN_WINDOW))).toMatchObject({ ok: true });
  });

  describe('refuses a sender that is not the app window, without calling the handler', () => {
    const cases: [string, ReturnType<typeof invokeEvent>][] = [
      ['another webContents', invokeEvent(99)],
      ['a page on another origin', invokeEvent(OWN_WINDOW, 'https://evil.example/phish')],
      ['a file:// page', invokeEvent(OWN_WINDOW, 'file:///home/packer/evil.html')],
      ['a look-alike scheme host', invokeEvent(OWN_WINDOW, 'app://packline.evil/index.html')],
      ['a subframe of the app', invokeEvent(OWN_WINDOW, 'app://packline/frame.html', { url: 'app://packline/index.html', parent: null })],
      ['a frame that is gone', { sender: { id: OWN_WINDOW }, senderFrame: null }],
    ];
    it.each(cases)('%s', async (_name, event) => {
      register(s);
      const result = await s.ipc.invoke('print:zpl', event, zpl);
      expect(result).toEqual({ ok: false, error: { code: 'forbidden-sender', message: 'This request did not come from the Packline window.' } });
      expect(s.calls).toEqual([]);
      expect(s.entries).toContainEqual(expect.objectContaining({ level: 'warn', message: 'Refused a bridge message from an unknown sender' }));
    });
  });

  describe('refuses arguments that fail the shared schema, without calling the handler', () => {
    const cases: [string, Channel, unknown[], string][] = [
      ['a port out of range', 'print:zpl', [{ ...zpl, port: 70_000 }], '/port must be <= 65535'],
      ['a timeout above 30 s', 'print:zpl', [{ ...zpl, timeoutMs: 60_000 }], '/timeoutMs must be <= 30000'],
      ['a host that is neither IPv4 nor a hostname', 'print:zpl', [{ ...zpl, host: 'printer; rm -rf /' }], '/host'],
      ['an IPv4 address out of range', 'print:zpl', [{ ...zpl, host: '999.1.1.1' }], '/host'],
      ['an unknown property', 'print:zpl', [{ ...zpl, shell: 'yes' }], 'must not have additional properties'],
      ['a missing property', 'print:document', [{ kind: 'slip', pageSize: 'A4' }], 'html'],
      ['a page size that does not exist', 'print:document', [{ kind: 'label', html: '<p>x</p>', pageSize: 'A3' }], '/pageSize'],
      ['a server URL that is not http(s)', 'config:set', [{ serverUrl: 'javascript:alert(1)', siteId: 's1', stationName: 'Pack 1' }], '/serverUrl'],
      ['a non-https external link', 'external:open', [{ url: 'http://www.ups.com/track' }], '/url'],
      ['an argument to a channel that takes none', 'app:version', [{ please: true }], '(arguments)'],
      ['a second argument', 'print:zpl', [zpl, zpl], 'expected one argument'],
      ['nothing at all', 'print:zpl', [], '(arguments)'],
    ];
    it.each(cases)('%s', async (_name, channel, args, detail) => {
      register(s);
      const result = await s.ipc.invoke(channel, invokeEvent(OWN_WINDOW), ...args);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-args', message: expect.stringContaining(`Invalid arguments for ${channel}:`) } });
      expect(result).toMatchObject({ error: { message: expect.stringContaining(detail) } });
      expect(s.calls).toEqual([]);
      expect(s.entries).toContainEqual(expect.objectContaining({ level: 'warn', message: 'Refused bridge arguments that fail the schema' }));
    });
  });

  it('never logs the arguments, so a token in a bad config:set stays out of the log', async () => {
    register(s);
    const secret = 'tok_SUPER-SECRET-123';
    await s.ipc.invoke('config:set', invokeEvent(OWN_WINDOW), { serverUrl: 'https://oms.example.com', siteId: 's1', stationName: '', token: secret });
    expect(JSON.stringify(s.entries)).not.toContain(secret);
  });

  it('passes an expected failure through with its code and sentence', async () => {
    s.handlers['print:zpl'] = async () => {
      throw new HostError('printer-timeout', 'Label printer 10.0.0.5:9100 did not answer within 3 s — is it switched on and on the network?');
    };
    register(s);
    expect(await s.ipc.invoke('print:zpl', invokeEvent(OWN_WINDOW), zpl)).toEqual({
      ok: false,
      error: { code: 'printer-timeout', message: 'Label printer 10.0.0.5:9100 did not answer within 3 s — is it switched on and on the network?' },
    });
  });

  it('turns an unexpected error into `internal` without its text or stack, and logs it', async () => {
    s.handlers['printers:list'] = async () => {
      throw new Error('ENOENT: /home/packer/.config/secret/path at Object.openSync (node:fs:573:3)');
    };
    register(s);
    const result = await s.ipc.invoke('printers:list', invokeEvent(OWN_WINDOW), undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toMatch(/ENOENT|secret|node:fs/);
    expect(s.entries).toContainEqual(expect.objectContaining({ level: 'error', message: 'A bridge handler failed' }));
  });

  it('refuses to send a result that breaks the contract, such as a config carrying the token', async () => {
    s.handlers['config:get'] = async () => ({ ...config, token: 'tok_leaked' }) as typeof config;
    register(s);
    const result = await s.ipc.invoke('config:get', invokeEvent(OWN_WINDOW), undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('tok_leaked');
  });
});
