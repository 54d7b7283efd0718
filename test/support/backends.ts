import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { inject } from 'vitest';

/** Where a test server keeps its data: embedded PGlite, or a fresh database on the run's PostgreSQL. */
export type Backend = 'pglite' | 'postgres';

/**
 * The backends every integration suite runs on. PostgreSQL is left out only off-CI on a
 * machine without it, and the reason is printed.
 */
export function testBackends(): Backend[] {
  const reason = inject('pgUnavailable');
  if (reason) {
    console.warn(`skipping the PostgreSQL variant: ${reason}`);
    return ['pglite'];
  }
  return ['pglite', 'postgres'];
}

/** A new empty database on the run's PostgreSQL; `drop` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = inject('pgAdminUrl');
  if (!admin) throw new Error('no PostgreSQL for this run');
  const name = `packline_t_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
