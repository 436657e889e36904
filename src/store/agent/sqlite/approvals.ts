// Agent approvals on SQLite: a decision only updates a pending row.
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { AgentApprovalRepository } from '../repository.js';
import type { AgentApprovalRecord, AgentApprovalStatus } from '../types.js';

interface Row {
  id: string;
  run_id: string;
  call_id: string;
  tool_name: string;
  input: string;
  input_hash: string;
  status: AgentApprovalStatus;
  reason: string | null;
  decided_by: string | null;
  created_at: string;
  decided_at: string | null;
}

export function createSqliteAgentApprovalRepository(db: SqliteDatabase): AgentApprovalRepository {
  const insert = db.prepare(`INSERT OR IGNORE INTO agent_approvals
    (id, run_id, call_id, tool_name, input, input_hash, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`);
  const byId = db.prepare('SELECT * FROM agent_approvals WHERE id = ?');
  const byCall = db.prepare('SELECT * FROM agent_approvals WHERE run_id = ? AND call_id = ?');
  // Only a pending approval changes: a second decision can never overwrite the first.
  const decide = db.prepare(`UPDATE agent_approvals SET status = ?, reason = ?, decided_by = ?, decided_at = ?
    WHERE id = ? AND status = 'pending'`);
  // A run's approvals include those of its sub-runs (agents used as tools), at any depth.
  const list = db.prepare(`WITH RECURSIVE tree(id) AS (
      SELECT @runId UNION SELECT r.id FROM agent_runs r JOIN tree t ON r.parent_run_id = t.id)
    SELECT * FROM agent_approvals
    WHERE (@status IS NULL OR status = @status)
      AND (@runId IS NULL OR run_id IN (SELECT id FROM tree))
    ORDER BY created_at DESC, rowid DESC LIMIT @limit`);
  return {
    async requestApproval(a) {
      insert.run(
        a.id,
        a.runId,
        a.callId,
        a.toolName,
        JSON.stringify(a.input ?? null),
        a.inputHash,
        new Date().toISOString(),
      );
      return rowToApproval(byCall.get(a.runId, a.callId) as Row);
    },
    async getApproval(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? rowToApproval(row) : undefined;
    },
    async findApproval(runId, callId) {
      const row = byCall.get(runId, callId) as Row | undefined;
      return row ? rowToApproval(row) : undefined;
    },
    async decideApproval(id, { status, reason, decidedBy }) {
      decide.run(status, reason ?? null, decidedBy ?? null, new Date().toISOString(), id);
      const row = byId.get(id) as Row | undefined;
      return row ? rowToApproval(row) : undefined;
    },
    async listApprovals({ status, runId, limit = 50 } = {}) {
      return (list.all({ status: status ?? null, runId: runId ?? null, limit }) as Row[]).map(rowToApproval);
    },
  };
}

function rowToApproval(row: Row): AgentApprovalRecord {
  return {
    id: row.id,
    runId: row.run_id,
    callId: row.call_id,
    toolName: row.tool_name,
    input: JSON.parse(row.input),
    inputHash: row.input_hash,
    status: row.status,
    reason: row.reason,
    decidedBy: row.decided_by,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}
