// Which tenant owns each agent run (and, through it, the run's approvals). Rows live in a table of
// their own (migration 101) so the runs table and the agent loop are unchanged; a run without a row
// belongs to the default tenant (runs made by the CLI).
import { defaultTenant } from '../../default-tenant.js';
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { AgentTenantRepository } from '../repository.js';

export function createSqliteAgentTenantRepository(db: SqliteDatabase): AgentTenantRepository {
  const upsert = db.prepare(
    'INSERT INTO agent_run_tenants (run_id, tenant) VALUES (?, ?) ON CONFLICT (run_id) DO UPDATE SET tenant = excluded.tenant',
  );
  const owner = db.prepare('SELECT tenant FROM agent_run_tenants WHERE run_id = ?').pluck();
  const runs = db
    .prepare(`SELECT r.id FROM agent_runs r LEFT JOIN agent_run_tenants t ON t.run_id = r.id
      WHERE coalesce(t.tenant, '${defaultTenant}') = @tenant AND (@status IS NULL OR r.status = @status)
      ORDER BY r.created_at DESC, r.rowid DESC LIMIT @limit`)
    .pluck();
  const approvals = db
    .prepare(`SELECT a.id FROM agent_approvals a LEFT JOIN agent_run_tenants t ON t.run_id = a.run_id
      WHERE coalesce(t.tenant, '${defaultTenant}') = @tenant AND (@status IS NULL OR a.status = @status)
        AND (@runId IS NULL OR a.run_id = @runId)
      ORDER BY a.created_at DESC, a.rowid DESC LIMIT @limit`)
    .pluck();
  return {
    async setRunTenant(runId, tenant) {
      upsert.run(runId, tenant);
    },
    async runTenant(runId) {
      return (owner.get(runId) as string | undefined) ?? defaultTenant;
    },
    async listRunIds({ tenant, status, limit }) {
      return runs.all({ tenant, status: status ?? null, limit }) as string[];
    },
    async listApprovalIds({ tenant, status, runId, limit }) {
      return approvals.all({ tenant, status: status ?? null, runId: runId ?? null, limit }) as string[];
    },
  };
}
