import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { HostError } from './host-error.ts';

/**
 * Raw ZPL to a network label printer (Zebra and compatibles) on its raw port, 9100 by default.
 * The job counts as delivered when the printer has taken every byte and closed its end, which
 * is what these printers do once they have the whole job. Each phase has its own timeout, and
 * every failure says what to check at the printer.
 */

export type ZplJob = {
  /** The printer as the station names it (in every message). */
  readonly host: string;
  /** Where to connect, when resolved beforehand (localPrinterAddress); else `host`. */
  readonly address?: string;
  readonly port: number;
  readonly zpl: string;
  readonly timeoutMs: number;
};

/** Injected only by tests that need a connection that never completes. */
export type Connect = (options: { host: string; port: number }) => net.Socket;

export function sendZpl(job: ZplJob, connect: Connect = (options) => net.createConnection(options)): Promise<{ bytes: number }> {
  // ZPL with ^CI28 expects UTF-8; plain ASCII is unchanged by it.
  const data = Buffer.from(job.zpl, 'utf8');
  const where = `${job.host}:${job.port}`;
  const within = formatSeconds(job.timeoutMs);

  return new Promise((resolve, reject) => {
    let phase: 'connect' | 'send' = 'connect';
    let flushed = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const socket = connect({ host: job.address ?? job.host, port: job.port });

    const settle = (error: HostError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error === null) resolve({ bytes: data.length });
      else reject(error);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => settle(timeoutError(phase, where, within)), job.timeoutMs);
    };

    arm();
    socket.once('connect', () => {
      phase = 'send';
      arm();
      socket.end(data, () => {
        flushed = true;
      });
    });
    // Printers answer status queries (~HS) embedded in a job; nobody here is asking, so drain.
    socket.on('data', () => {});
    socket.once('close', () => {
      if (phase !== 'send') return;
      settle(flushed ? null : closedEarly(where));
    });
    socket.once('error', (error: NodeJS.ErrnoException) => settle(describeSocketError(error, job, where, within)));
  });
}

/** How a name becomes addresses: Node's resolver, or a fake in tests. */
export type Lookup = (host: string) => Promise<readonly { address: string; family: number }[]>;

const nodeLookup: Lookup = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Whether an address is on a local network: loopback, private (RFC 1918, IPv6 unique local) or
 * link-local. Label printers live there; the internet does not get raw bytes from a station.
 */
export function isLocalAddress(address: string): boolean {
  if (net.isIPv4(address)) {
    const [a = -1, b = -1] = address.split('.').map(Number);
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (net.isIPv6(address)) {
    const lower = address.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped?.[1] !== undefined) return isLocalAddress(mapped[1]);
    return lower === '::1' || /^f[cd][0-9a-f]{2}:/.test(lower) || /^fe[89ab][0-9a-f]:/.test(lower);
  }
  return false;
}

/**
 * The address to send a label to: the printer's name resolved once, every address it has on a
 * local network. Connecting to that address (not the name again) keeps a name that changes its
 * answer in between from steering the job elsewhere.
 */
export async function localPrinterAddress(host: string, resolve: Lookup = nodeLookup): Promise<string> {
  if (net.isIP(host) === 0) {
    let found: readonly { address: string }[];
    try {
      found = await resolve(host);
    } catch (error) {
      throw new HostError('printer-unreachable', `Label printer "${host}" was not found on the network — check the name, or use its IP address.`, { cause: error });
    }
    const first = found[0];
    if (first === undefined) throw new HostError('printer-unreachable', `Label printer "${host}" was not found on the network — check the name, or use its IP address.`);
    if (!found.every((a) => isLocalAddress(a.address))) throw notLocal(host);
    return first.address;
  }
  if (!isLocalAddress(host)) throw notLocal(host);
  return host;
}

function notLocal(host: string): HostError {
  return new HostError('not-allowed', `Label printer ${host} is not on this station's local network; Packline sends labels only to printers there.`);
}

/** 3000 → "3 s", 250 → "0.25 s": people read seconds. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

function timeoutError(phase: 'connect' | 'send', where: string, within: string): HostError {
  return phase === 'connect'
    ? new HostError('printer-timeout', `Label printer ${where} did not answer within ${within} — is it switched on and on the network?`)
    : new HostError(
        'printer-timeout',
        `Label printer ${where} accepted the connection but did not take the label within ${within} — is it paused, open or out of labels?`,
      );
}

function closedEarly(where: string): HostError {
  return new HostError('print-failed', `Label printer ${where} closed the connection before taking the whole label — check its display and try again.`);
}

function describeSocketError(error: NodeJS.ErrnoException, job: ZplJob, where: string, within: string): HostError {
  switch (error.code) {
    case 'ECONNREFUSED':
      return new HostError(
        'printer-unreachable',
        `Label printer ${where} refused the connection — is this the label printer's address, and is its raw port ${job.port}?`,
        { cause: error },
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new HostError('printer-unreachable', `Label printer "${job.host}" was not found on the network — check the name, or use its IP address.`, {
        cause: error,
      });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return new HostError('printer-unreachable', `Label printer ${where} cannot be reached from this station — is it switched on and on the same network?`, {
        cause: error,
      });
    case 'ETIMEDOUT':
      return new HostError('printer-timeout', `Label printer ${where} did not answer within ${within} — is it switched on and on the network?`, { cause: error });
    case 'ECONNRESET':
    case 'EPIPE':
      return closedEarly(where);
    default:
      return new HostError('printer-unreachable', `Could not send the label to ${where}: ${error.message}`, { cause: error });
  }
}
