import { resolve } from 'node:path';

/** Everything the server reads from its environment, parsed and checked once at start-up. */
export type Config = {
  host: string;
  port: number;
  /** PostgreSQL connection string; null means embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** An all-sites admin token accepted as-is (compared in constant time); null when unset. */
  adminToken: string | null;
  /** True when `adminToken` is the well-known dev token of `--demo`, so the log can say so. */
  adminTokenIsDemo: boolean;
  seed: 'demo' | 'none';
  /** A pino level, or 'silent'. */
  logLevel: string;
  bodyLimit: number;
  /** Requests per minute per token (or per IP without one). */
  rateLimit: number;
  /** Enrolment attempts per minute per IP: codes are short, so guessing must be slow. */
  enrolRateLimit: number;
};

export const DEMO_ADMIN_TOKEN = 'packline-demo-admin';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) {
    problems.push(`${name} must be a whole number between ${min} and ${max}, got ${JSON.stringify(raw)}`);
    return fallback;
  }
  const n = Number(raw.trim());
  if (n < min || n > max) problems.push(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** Reads the configuration; every problem is reported at once so a bad deployment fails with one clear message. */
export function loadConfig(env: Env = process.env, argv: readonly string[] = process.argv.slice(2)): Config {
  const problems: string[] = [];
  const demo = argv.includes('--demo');
  for (const arg of argv) if (arg !== '--demo') problems.push(`unknown argument ${JSON.stringify(arg)} (only --demo is accepted)`);

  const host = env.HOST?.trim() || '127.0.0.1';
  const port = intVar(env, 'PORT', 8080, 0, 65_535, problems);

  let databaseUrl: string | null = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null) {
    try {
      const u = new URL(databaseUrl);
      if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error('scheme');
    } catch {
      problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
      databaseUrl = null;
    }
  }
  const dataDir = resolve(env.PACKLINE_DATA_DIR?.trim() || '.packline-data');

  let adminToken = env.PACKLINE_ADMIN_TOKEN ?? null;
  let adminTokenIsDemo = false;
  if (adminToken !== null && adminToken.length < 16) {
    problems.push('PACKLINE_ADMIN_TOKEN must be at least 16 characters');
  }
  if (adminToken === null && demo) {
    adminToken = DEMO_ADMIN_TOKEN;
    adminTokenIsDemo = true;
  }

  const seedRaw = env.PACKLINE_SEED?.trim() || (demo ? 'demo' : 'none');
  let seed: Config['seed'] = 'none';
  if (seedRaw === 'demo' || seedRaw === 'none') seed = seedRaw;
  else problems.push(`PACKLINE_SEED must be "demo" or "none", got ${JSON.stringify(seedRaw)}`);

  const logLevel = env.PACKLINE_LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`PACKLINE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const bodyLimit = intVar(env, 'PACKLINE_BODY_LIMIT', 8 * 1024 * 1024, 1024, 1024 * 1024 * 1024, problems);
  const rateLimit = intVar(env, 'PACKLINE_RATE_LIMIT', 20_000, 1, 10_000_000, problems);
  const enrolRateLimit = intVar(env, 'PACKLINE_ENROL_RATE_LIMIT', 20, 1, 1_000_000, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return { host, port, databaseUrl, dataDir, adminToken, adminTokenIsDemo, seed, logLevel, bodyLimit, rateLimit, enrolRateLimit };
}
