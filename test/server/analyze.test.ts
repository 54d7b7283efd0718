import { describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.ts';
import { startTestServer } from '../support/server.ts';

const analysed = `SELECT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'documents') AS analysed`;

describe.each(testBackends())('planner statistics (%s)', (backend) => {
  it('a server started over documents loaded behind its back (an import, a copied database) analyses them before serving pulls', async () => {
    const server = await startTestServer({ backend, seed: 'none' });
    try {
      // Loaded straight into the table, as an import or the UI benchmark's seed does: no push, so no count of writes.
      await server.query(
        `INSERT INTO documents (collection, id, doc, site_id)
         SELECT 'orders', 'o-' || g, jsonb_build_object('id', 'o-' || g), 'site-' || (g % 3) FROM generate_series(1, 3000) AS g`,
      );
      await server.restart();
      const [row] = await server.query<{ analysed: boolean }>(analysed);
      expect(row?.analysed).toBe(true);
      // With statistics, an all-sites pull page walks the (collection, xid, id) index to its limit
      // instead of sorting every row after the checkpoint.
      const plan = await server.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM documents WHERE collection = 'orders' AND (xid, id) > ('0'::xid8, '') ORDER BY xid, id LIMIT 100`,
      );
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).not.toMatch(/Sort/);
    } finally {
      await server.stop();
    }
  });
});
