import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';

/** What main/ needs from a logger; pino's Logger fits it, and tests record into a fake. */
export type Log = {
  debug(context: object, message: string): void;
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
};

export type RotatingFile = { write(chunk: string): void; close(): void };

/**
 * An append-only log file that rolls over by size: packline.log → packline.1.log → … →
 * packline.<keep>.log, the oldest dropped. Synchronous writes: a station logs little, and a
 * line written just before a crash is the one support needs.
 */
export function createRotatingFile(file: string, options: { maxBytes: number; keep: number }): RotatingFile {
  mkdirSync(path.dirname(file), { recursive: true });
  const rolled = (n: number) => file.replace(/\.log$/, '') + `.${n}.log`;
  let fd = openSync(file, 'a', 0o600);
  let size = fstatSync(fd).size;

  const rotate = () => {
    closeSync(fd);
    rmSync(rolled(options.keep), { force: true });
    for (let n = options.keep - 1; n >= 1; n--) {
      if (existsSync(rolled(n))) renameSync(rolled(n), rolled(n + 1));
    }
    renameSync(file, rolled(1));
    fd = openSync(file, 'a', 0o600);
    size = 0;
  };

  return {
    write(chunk) {
      const bytes = Buffer.byteLength(chunk);
      if (size > 0 && size + bytes > options.maxBytes) rotate();
      writeSync(fd, chunk);
      size += bytes;
    },
    close() {
      closeSync(fd);
    },
  };
}

export type LoggerOptions = {
  readonly dir: string;
  readonly level?: string;
  readonly maxBytes?: number;
  readonly keep?: number;
};

/** The station log: JSON lines in `<userData>/logs/packline.log`; tokens never reach it. */
export function createLogger(options: LoggerOptions) {
  const destination = createRotatingFile(path.join(options.dir, 'packline.log'), {
    maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    keep: options.keep ?? 5,
  });
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      redact: { paths: ['token', '*.token', 'authorization', '*.authorization', '*.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}
