// Tenancy: which tenant owns an agent run, and which scopes and tenant an API key has. Rows live in
// tables of their own (added by migrations 101 and 302) so that the runs and keys tables are unchanged;
// a run or key without a row belongs to the 'default' tenant (a key without one is gateway-only).
import type { SqliteDatabase } from './sqlite-database.js';

export const defaultTenant = 'default';

export interface KeyGrant {
  tenant: string;
  scopes: string[];
}

export interface TenancyRepository {
  setRunTenant(runId: string, tenant: string): Promise<void>;
  /** The owning tenant; 'default' for a run without a recorded owner (runs made by the CLI). */
  runTenant(runId: string): Promise<string>;
  /** Ids of a tenant's runs, newest first. */
  listRunIds(options: { tenant: string; status?: string; limit: number }): Promise<string[]>;
  /** Ids of the approvals of a tenant's runs, newest first. */
  listApprovalIds(options: {
    tenant: string;
    status?: string;
    runId?: string;
    limit: number;
  }): Promise<string[]>;
  setKeyGrant(keyId: string, grant: KeyGrant): Promise<void>;
  /** undefined for a key without a recorded grant. */
  keyGrant(keyId: string): Promise<KeyGrant | undefined>;
}

export function createSqliteTenancyRepository(db: SqliteDatabase): TenancyRepository {
  const upsertRun = db.prepare(
    'INSERT INTO agent_run_tenants (run_id, tenant) VALUES (?, ?) ON CONFLICT (run_id) DO UPDATE SET tenant = excluded.tenant',
  );
  const runOwner = db.prepare('SELECT tenant FROM agent_run_tenants WHERE run_id = ?').pluck();
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
  const upsertGrant = db.prepare(
    'INSERT INTO gateway_key_grants (key_id, tenant, scopes) VALUES (?, ?, ?) ON CONFLICT (key_id) DO UPDATE SET tenant = excluded.tenant, scopes = excluded.scopes',
  );
  const grant = db.prepare('SELECT tenant, scopes FROM gateway_key_grants WHERE key_id = ?');
  return {
    async setRunTenant(runId, tenant) {
      upsertRun.run(runId, tenant);
    },
    async runTenant(runId) {
      return (runOwner.get(runId) as string | undefined) ?? defaultTenant;
    },
    async listRunIds({ tenant, status, limit }) {
      return runs.all({ tenant, status: status ?? null, limit }) as string[];
    },
    async listApprovalIds({ tenant, status, runId, limit }) {
      return approvals.all({ tenant, status: status ?? null, runId: runId ?? null, limit }) as string[];
    },
    async setKeyGrant(keyId, { tenant, scopes }) {
      upsertGrant.run(keyId, tenant, JSON.stringify(scopes));
    },
    async keyGrant(keyId) {
      const row = grant.get(keyId) as { tenant: string; scopes: string } | undefined;
      return row ? { tenant: row.tenant, scopes: JSON.parse(row.scopes) as string[] } : undefined;
    },
  };
}
