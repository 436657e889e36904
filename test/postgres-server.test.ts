// The test cluster itself: it starts (as an unprivileged user under root), answers queries, and a
// second file-level handle shares the same server.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { usePostgres } from './use-postgres.js';

const postgres = usePostgres();

describe('test Postgres cluster', () => {
  it('answers on loopback and makes empty databases', async () => {
    const url = await postgres.database();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT current_database() AS name, version() AS version');
      expect(rows[0].name).toBe(new URL(url).pathname.slice(1));
      expect(rows[0].version).toMatch(/^PostgreSQL \d+/);
      const tables = await client.query(
        "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'",
      );
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
