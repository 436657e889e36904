// Row shapes of the eval tables and their mapping to records: the same on SQLite and Postgres.
import type { EvalResultRecord, EvalRunRecord, EvalRunStatus } from './types.js';

export interface RunRow {
  run_id: string;
  name: string;
  target: string;
  status: EvalRunStatus;
  config: string;
  summary: string | null;
  started_at: number;
  finished_at: number | null;
}

export interface ResultRow {
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

export const runColumns = 'run_id, name, target, status, config, summary, started_at, finished_at';
export const resultColumns =
  'run_id, example_id, trial, status, input, output, scores, latency_ms, cost, error, cached, created_at';

export const toRun = <Summary, Config>(r: RunRow): EvalRunRecord<Summary, Config> => ({
  runId: r.run_id,
  name: r.name,
  target: r.target,
  status: r.status,
  config: JSON.parse(r.config),
  summary: r.summary === null ? null : JSON.parse(r.summary),
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

export const toResult = <Output, Score>(r: ResultRow): EvalResultRecord<Output, Score> => ({
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
