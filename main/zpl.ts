import net from 'node:net';
import { HostError } from './host-error.ts';

/**
 * Raw ZPL to a network label printer (Zebra and compatibles) on its raw port, 9100 by default.
 * The job counts as delivered when the printer has taken every byte and closed its end, which
 * is what these printers do once they have the whole job. Each phase has its own timeout, and
 * every failure says what to check at the printer.
 */

export type ZplJob = { readonly host: string; readonly port: number; readonly zpl: string; readonly timeoutMs: number };

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
    const socket = connect({ host: job.host, port: job.port });

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
