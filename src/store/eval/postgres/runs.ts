// Eval runs and their per-example results on Postgres.

import type { PostgresDatabase } from '../../postgres-database.js';
import type { EvalRunRepository } from '../repository.js';
import type { EvalResultRecord, EvalRunRecord, EvalRunStatus } from '../types.js';

interface RunRow {
  run_id: string;
  name: string;
  target: string;
  status: EvalRunStatus;
  config: string;
  summary: string | null;
  started_at: number;
  finished_at: number | null;
}

interface ResultRow {
  run_id: string;
  example_id: string;
  trial: number;
  status: 'ok' | 'error';
  input: string;
  output: string | null;
  scores: string;
  latency_ms: number;
  cost: number;
  error: string | null;
  cached: number;
  created_at: number;
}

const runColumns = 'run_id, name, target, status, config, summary, started_at, finished_at';
const resultColumns =
  'run_id, example_id, trial, status, input, output, scores, latency_ms, cost, error, cached, created_at';

const toRun = <Summary, Config>(r: RunRow): EvalRunRecord<Summary, Config> => ({
  runId: r.run_id,
  name: r.name,
  target: r.target,
  status: r.status,
  config: JSON.parse(r.config),
  summary: r.summary === null ? null : JSON.parse(r.summary),
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

const toResult = <Output, Score>(r: ResultRow): EvalResultRecord<Output, Score> => ({
  runId: r.run_id,
  exampleId: r.example_id,
  trial: r.trial,
  status: r.status,
  input: JSON.parse(r.input),
  output: r.output === null ? null : JSON.parse(r.output),
  scores: JSON.parse(r.scores),
  latencyMs: r.latency_ms,
  cost: r.cost,
  error: r.error,
  cached: r.cached === 1,
  createdAt: r.created_at,
});

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
