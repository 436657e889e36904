// Approvals on Postgres. Deciding is one conditional UPDATE (`WHERE status = 'pending'`): when two
// processes decide the same approval at once, the row lock makes one win and the other see its
// decision, never overwrite it.
import type { PostgresDatabase } from '../../postgres-database.js';
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

const approvalColumns =
  'id, run_id, call_id, tool_name, input, input_hash, status, reason, decided_by, created_at, decided_at';

export function createPostgresAgentApprovalRepository(db: PostgresDatabase): AgentApprovalRepository {
  const byId = async (id: string) =>
    (await db.query<Row>(`SELECT ${approvalColumns} FROM agent_approvals WHERE id = $1`, [id]))[0];
  const byCall = async (runId: string, callId: string) =>
    (
      await db.query<Row>(
        `SELECT ${approvalColumns} FROM agent_approvals WHERE run_id = $1 AND call_id = $2`,
        [runId, callId],
      )
    )[0];
  return {
    async requestApproval(a) {
      await db.query(
        `INSERT INTO agent_approvals (id, run_id, call_id, tool_name, input, input_hash, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) ON CONFLICT DO NOTHING`,
        [
          a.id,
          a.runId,
          a.callId,
          a.toolName,
          JSON.stringify(a.input ?? null),
          a.inputHash,
          new Date().toISOString(),
        ],
      );
      return rowToApproval(await byCall(a.runId, a.callId));
    },
    async getApproval(id) {
      const row = await byId(id);
      return row ? rowToApproval(row) : undefined;
    },
    async findApproval(runId, callId) {
      const row = await byCall(runId, callId);
      return row ? rowToApproval(row) : undefined;
    },
    async decideApproval(id, { status, reason, decidedBy }) {
      await db.query(
        `UPDATE agent_approvals SET status = $1, reason = $2, decided_by = $3, decided_at = $4
         WHERE id = $5 AND status = 'pending'`,
        [status, reason ?? null, decidedBy ?? null, new Date().toISOString(), id],
      );
      const row = await byId(id);
      return row ? rowToApproval(row) : undefined;
    },
    async listApprovals({ status, runId, limit = 50 } = {}) {
      const rows = await db.query<Row>(
        // A run's approvals include those of its sub-runs (agents used as tools), at any depth.
        `WITH RECURSIVE tree(id) AS (
           SELECT $2::text UNION SELECT r.id FROM agent_runs r JOIN tree t ON r.parent_run_id = t.id)
         SELECT ${approvalColumns} FROM agent_approvals
         WHERE ($1::text IS NULL OR status = $1)
           AND ($2::text IS NULL OR run_id IN (SELECT id FROM tree))
         ORDER BY created_at DESC, seq DESC LIMIT $3`,
        [status ?? null, runId ?? null, limit],
      );
      return rows.map(rowToApproval);
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
