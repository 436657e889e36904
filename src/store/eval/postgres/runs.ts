// Eval runs and their per-example results on Postgres.

import type { PostgresDatabase } from '../../postgres-database.js';
import type { EvalRunRepository } from '../repository.js';
import { type ResultRow, type RunRow, resultColumns, runColumns, toResult, toRun } from '../rows.js';

export function createPostgresEvalRunRepository(db: PostgresDatabase): EvalRunRepository {
  return {
    async createRun(run) {
      await db.query(
        `INSERT INTO eval_runs (run_id, name, target, status, config, started_at) VALUES ($1, $2, $3, 'running', $4, $5)
         ON CONFLICT (run_id) DO UPDATE SET status = 'running', finished_at = NULL`,
        [run.runId, run.name, run.target, JSON.stringify(run.config), run.startedAt],
      );
    },
    async finishRun(runId, { status, summary }) {
      await db.query('UPDATE eval_runs SET status = $1, summary = $2, finished_at = $3 WHERE run_id = $4', [
        status,
        JSON.stringify(summary),
        Date.now(),
        runId,
      ]);
    },
    async getRun<Summary, Config>(runId: string) {
      const [row] = await db.query<RunRow>(`SELECT ${runColumns} FROM eval_runs WHERE run_id = $1`, [runId]);
      return row && toRun<Summary, Config>(row);
    },
    async listRuns<Summary, Config>({ limit = 20 } = {}) {
      const rows = await db.query<RunRow>(
        `SELECT ${runColumns} FROM eval_runs ORDER BY started_at DESC LIMIT $1`,
        [limit],
      );
      return rows.map((row) => toRun<Summary, Config>(row));
    },
    async saveResult(r) {
      await db.query(
        `INSERT INTO eval_results (${resultColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (run_id, example_id, trial) DO UPDATE SET status = excluded.status, input = excluded.input,
           output = excluded.output, scores = excluded.scores, latency_ms = excluded.latency_ms,
           cost = excluded.cost, error = excluded.error, cached = excluded.cached, created_at = excluded.created_at`,
        [
          r.runId,
          r.exampleId,
          r.trial,
          r.status,
          JSON.stringify(r.input ?? null),
          r.output === undefined || r.output === null ? null : JSON.stringify(r.output),
          JSON.stringify(r.scores),
          r.latencyMs,
          r.cost,
          r.error,
          r.cached ? 1 : 0,
          r.createdAt,
        ],
      );
    },
    async listResults<Output, Score>(runId: string) {
      const rows = await db.query<ResultRow>(
        `SELECT ${resultColumns} FROM eval_results WHERE run_id = $1 ORDER BY example_id COLLATE "C", trial`,
        [runId],
      );
      return rows.map((row) => toResult<Output, Score>(row));
    },
  };
}
