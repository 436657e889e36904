// Eval runs and their per-example results; a run can be resumed by skipping results already stored.
import type { SqliteDatabase } from '../../sqlite-database.js';
import type { EvalRunRepository } from '../repository.js';
import { type ResultRow, type RunRow, toResult, toRun } from '../rows.js';

export function createSqliteEvalRunRepository(db: SqliteDatabase): EvalRunRepository {
  const insertRun = db.prepare(
    `INSERT INTO eval_runs (run_id, name, target, status, config, started_at) VALUES (?, ?, ?, 'running', ?, ?)
     ON CONFLICT (run_id) DO UPDATE SET status = 'running', finished_at = NULL`,
  );
  const updateRun = db.prepare(
    'UPDATE eval_runs SET status = ?, summary = ?, finished_at = ? WHERE run_id = ?',
  );
  const selectRun = db.prepare('SELECT * FROM eval_runs WHERE run_id = ?');
  const selectRuns = db.prepare('SELECT * FROM eval_runs ORDER BY started_at DESC LIMIT ?');
  const upsertResult = db.prepare(`INSERT OR REPLACE INTO eval_results
    (run_id, example_id, trial, status, input, output, scores, latency_ms, cost, error, cached, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const selectResults = db.prepare('SELECT * FROM eval_results WHERE run_id = ? ORDER BY example_id, trial');
  return {
    async createRun(run) {
      insertRun.run(run.runId, run.name, run.target, JSON.stringify(run.config), run.startedAt);
    },
    async finishRun(runId, { status, summary }) {
      updateRun.run(status, JSON.stringify(summary), Date.now(), runId);
    },
    async getRun<Summary, Config>(runId: string) {
      const row = selectRun.get(runId) as RunRow | undefined;
      return row && toRun<Summary, Config>(row);
    },
    async listRuns<Summary, Config>({ limit = 20 } = {}) {
      return (selectRuns.all(limit) as RunRow[]).map((row) => toRun<Summary, Config>(row));
    },
    async saveResult(r) {
      upsertResult.run(
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
      );
    },
    async listResults<Output, Score>(runId: string) {
      return (selectResults.all(runId) as ResultRow[]).map((row) => toResult<Output, Score>(row));
    },
  };
}
