import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatSeconds, isLocalAddress, localPrinterAddress, sendZpl, type Lookup } from '../../main/zpl.ts';

const LABEL = '^XA^CI28^FO50,50^A0N,40,40^FDJosé Müller — 1Z999AA10123456784^FS^XZ';
const servers: net.Server[] = [];
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function listen(onConnection: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer((socket) => {
    sockets.push(socket);
    onConnection(socket);
  });
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

/** Name lookups: one on the LAN, one partly on the internet, one that finds nothing. */
const lan: Lookup = async () => [{ address: '192.168.7.20', family: 4 }];
const mixed: Lookup = async () => [{ address: '192.168.7.20', family: 4 }, { address: '203.0.113.9', family: 4 }];
const unknown: Lookup = async () => {
  throw Object.assign(new Error('getaddrinfo ENOTFOUND zebra'), { code: 'ENOTFOUND' });
};

/** A socket that never connects stands in for a printer that is switched off. */
const neverConnects = () => new net.Socket();

/** Behaves like a label printer on its raw port: reads the job to the end, then hangs up. */
function printer(received: Buffer[]): Promise<number> {
  return listen((socket) => {
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('end', () => socket.end());
  });
}

describe('raw ZPL over TCP', () => {
  it('delivers the exact bytes, UTF-8 encoded', async () => {
    const received: Buffer[] = [];
    const port = await printer(received);
    const result = await sendZpl({ host: '127.0.0.1', port, zpl: LABEL, timeoutMs: 2000 });
    const expected = Buffer.from(LABEL, 'utf8');
    expect(Buffer.concat(received).equals(expected)).toBe(true);
    expect(result).toEqual({ bytes: expected.length });
  });

  it('delivers a large job whole', async () => {
    const received: Buffer[] = [];
    const port = await printer(received);
    const big = `^XA${'^FO0,0^GB800,4,4^FS'.repeat(40_000)}^XZ`;
    await sendZpl({ host: '127.0.0.1', port, zpl: big, timeoutMs: 5000 });
    expect(Buffer.concat(received).toString('utf8')).toBe(big);
  });

  it('says the printer refused the connection when nothing listens on the port', async () => {
    const port = await listen(() => {});
    await new Promise((resolve) => servers.pop()?.close(resolve));
    await expect(sendZpl({ host: '127.0.0.1', port, zpl: LABEL, timeoutMs: 2000 })).rejects.toMatchObject({
      code: 'printer-unreachable',
      message: `Label printer 127.0.0.1:${port} refused the connection — is this the label printer's address, and is its raw port ${port}?`,
    });
  });

  it('times out when the printer accepts the connection but never takes the job', async () => {
    // Accepts, never reads, never hangs up: a printer that is paused or out of labels.
    const port = await listen((socket) => socket.pause());
    await expect(sendZpl({ host: '127.0.0.1', port, zpl: LABEL, timeoutMs: 200 })).rejects.toMatchObject({
      code: 'printer-timeout',
      message: `Label printer 127.0.0.1:${port} accepted the connection but did not take the label within 0.2 s — is it paused, open or out of labels?`,
    });
  });

  it('times out with a clear question when the printer does not answer at all', async () => {
    vi.useFakeTimers();
    try {
      const failure = sendZpl({ host: '10.0.0.5', port: 9100, zpl: LABEL, timeoutMs: 3000 }, neverConnects).catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(3000);
      expect(await failure).toMatchObject({
        code: 'printer-timeout',
        message: 'Label printer 10.0.0.5:9100 did not answer within 3 s — is it switched on and on the network?',
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails clearly when the printer hangs up in the middle of a job', async () => {
    const port = await listen((socket) => {
      socket.once('data', () => socket.resetAndDestroy());
    });
    const big = `^XA${'^FDx^FS'.repeat(500_000)}^XZ`;
    await expect(sendZpl({ host: '127.0.0.1', port, zpl: big, timeoutMs: 2000 })).rejects.toMatchObject({ code: 'print-failed' });
  });

  it('reads seconds the way people do', () => {
    expect(formatSeconds(3000)).toBe('3 s');
    expect(formatSeconds(200)).toBe('0.2 s');
    expect(formatSeconds(2500)).toBe('2.5 s');
    expect(formatSeconds(30_000)).toBe('30 s');
  });

  it('sends only to printers on a local network, by the address the name had', async () => {
    expect(['10.0.0.9', '172.16.4.2', '172.31.255.1', '192.168.1.50', '127.0.0.1', '169.254.10.1', '::1', 'fd12:3456::1', 'fe80::1', '::ffff:192.168.1.5'].every(isLocalAddress)).toBe(true);
    expect(['8.8.8.8', '172.32.0.1', '192.169.0.1', '2001:db8::1', '::ffff:8.8.8.8', 'not an address'].some(isLocalAddress)).toBe(false);
    expect(await localPrinterAddress('192.168.1.50')).toBe('192.168.1.50');
    expect(await localPrinterAddress('zebra-dock3', lan)).toBe('192.168.7.20');
    // A name with any address beyond the local network is refused, as is a public address.
    await expect(localPrinterAddress('zebra.example.com', mixed)).rejects.toMatchObject({ code: 'not-allowed', message: expect.stringContaining('not on this station') });
    await expect(localPrinterAddress('203.0.113.9')).rejects.toMatchObject({ code: 'not-allowed' });
    await expect(localPrinterAddress('zebra', unknown)).rejects.toMatchObject({ code: 'printer-unreachable', message: expect.stringContaining('was not found on the network') });
  });

  it('connects to the resolved address and names the printer as the station does', async () => {
    const received: Buffer[] = [];
    const port = await printer(received);
    const done = await sendZpl({ host: 'zebra-dock3', address: '127.0.0.1', port, zpl: '^XA^XZ', timeoutMs: 2000 });
    expect(done.bytes).toBe(6);
    expect(Buffer.concat(received).toString()).toBe('^XA^XZ');
    // Nothing listens there: the message names the printer as the station knows it.
    await expect(sendZpl({ host: 'zebra-dock3', address: '127.0.0.1', port: 9, zpl: '^XA^XZ', timeoutMs: 2000 })).rejects.toThrow('Label printer zebra-dock3:9 refused');
  });
});
