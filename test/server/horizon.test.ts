import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { makeSite, startTestServer, type TestServer } from '../support/server.ts';
import { movement, newStation, pullAll, push, row, type Station } from './helpers.ts';

describe.each(testBackends())('pull horizon on %s', (backend) => {
  let server: TestServer;
  let siteId: string;
  let station: Station;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    ({ siteId } = await makeSite(server, 'HZ'));
    station = await newStation(server, siteId);
  });
  afterAll(() => server.stop());

  it('concurrent writers and a puller: every document arrives exactly once', async () => {
    const pushed: string[] = [];
    const state = { done: false };
    const writers = Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 5; i++) {
        const docs = Array.from({ length: 4 }, () => movement(station));
        pushed.push(...docs.map((d) => d.id));
        expect((await push(server, station.token, 'movements', docs.map((d) => row(d)))).status).toBe(200);
      }
    });
    const seen: string[] = [];
    const puller = (async () => {
      let checkpoint: unknown = null;
      while (!state.done) {
        const page = await pullAll(server, station.token, 'movements', 7, checkpoint);
        seen.push(...page.docs.map((d) => d.id));
        checkpoint = page.checkpoint;
      }
      const rest = await pullAll(server, station.token, 'movements', 7, checkpoint);
      seen.push(...rest.docs.map((d) => d.id));
    })();
    await Promise.all(writers);
    state.done = true;
    await puller;
    expect(seen.length).toBe(new Set(seen).size);
    expect([...seen].sort()).toEqual([...pushed].sort());
  });

  // PostgreSQL only: PGlite has one connection, so no transaction can stay open beside a pull.
  it.runIf(backend === 'postgres')('never returns rows past an open transaction, and returns them once it commits', async () => {
    const start = await pullAll(server, station.token, 'movements', 1000);
    const held = movement(station);
    const other = new Client({ connectionString: server.databaseUrl ?? '' });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `INSERT INTO documents (collection, id, doc, site_id, site_history) VALUES ('movements', $1, $2::jsonb, $3, ARRAY[$3])`,
        [held.id, JSON.stringify(held), siteId],
      );
      const [{ xid: heldXid } = { xid: '' }] = (await other.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows;

      // Later transactions commit while the first is still open.
      const later = Array.from({ length: 3 }, () => movement(station));
      for (const m of later) expect((await push(server, station.token, 'movements', [row(m)])).status).toBe(200);

      const during = await pullAll(server, station.token, 'movements', 2, start.checkpoint);
      expect(during.docs).toEqual([]);
      expect(during.checkpoint).toEqual(start.checkpoint);
      const [{ n } = { n: 0 }] = await server.query<{ n: number }>(`SELECT count(*) AS n FROM documents WHERE collection = 'movements' AND xid > $1::xid8`, [heldXid]);
      expect(n).toBe(3);

      await other.query('COMMIT');
      const after = await pullAll(server, station.token, 'movements', 2, start.checkpoint);
      expect(after.docs.map((d) => d.id)).toEqual([held.id, ...later.map((m) => m.id)]);
      expect(after.pages).toEqual([2, 2, 0]);
    } finally {
      await other.query('ROLLBACK').catch(() => {});
      await other.end();
    }
  });
});
