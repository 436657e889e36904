// Which tenant owns each agent run on Postgres (migration 101's table); a run without a row belongs
// to the default tenant. Listing orders as SQLite does: newest first, ties in creation order reversed.
import { defaultTenant } from '../../default-tenant.js';
import type { PostgresDatabase } from '../../postgres-database.js';
import type { AgentTenantRepository } from '../repository.js';

export function createPostgresAgentTenantRepository(db: PostgresDatabase): AgentTenantRepository {
  return {
    async setRunTenant(runId, tenant) {
      await db.query(
        `INSERT INTO agent_run_tenants (run_id, tenant) VALUES ($1, $2)
         ON CONFLICT (run_id) DO UPDATE SET tenant = excluded.tenant`,
        [runId, tenant],
      );
    },
    async runTenant(runId) {
      const [row] = await db.query<{ tenant: string }>(
        'SELECT tenant FROM agent_run_tenants WHERE run_id = $1',
        [runId],
      );
      return row?.tenant ?? defaultTenant;
    },
    async listRunIds({ tenant, status, limit }) {
      const rows = await db.query<{ id: string }>(
        `SELECT r.id FROM agent_runs r LEFT JOIN agent_run_tenants t ON t.run_id = r.id
         WHERE coalesce(t.tenant, $1) = $2 AND ($3::text IS NULL OR r.status = $3)
         ORDER BY r.created_at DESC, r.seq DESC LIMIT $4`,
        [defaultTenant, tenant, status ?? null, limit],
      );
      return rows.map((row) => row.id);
    },
    async listApprovalIds({ tenant, status, runId, limit }) {
      const rows = await db.query<{ id: string }>(
        `SELECT a.id FROM agent_approvals a LEFT JOIN agent_run_tenants t ON t.run_id = a.run_id
         WHERE coalesce(t.tenant, $1) = $2 AND ($3::text IS NULL OR a.status = $3)
           AND ($4::text IS NULL OR a.run_id = $4)
         ORDER BY a.created_at DESC, a.seq DESC LIMIT $5`,
        [defaultTenant, tenant, status ?? null, runId ?? null, limit],
      );
      return rows.map((row) => row.id);
    },
  };
}
