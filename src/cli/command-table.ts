// Every `gantry` command: name, one-line summary, and a lazy loader so that a command pays only for
// the modules it uses. Add a command here and its module under commands/.
import type { CommandModule } from './command-module.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CommandModule>;
}

export const commandTable: CommandEntry[] = [
  {
    name: 'serve',
    summary: 'Start the HTTP server (gateway and platform API)',
    load: () => import('./commands/serve.js'),
  },
  {
    name: 'doctor',
    summary: 'Check Node, native modules, the database and each backend',
    load: () => import('./commands/doctor.js'),
  },
  {
    name: 'config',
    summary: 'Print the effective configuration (secrets masked)',
    load: () => import('./commands/config.js'),
  },
  { name: 'traces', summary: 'List recent traces', load: () => import('./commands/traces.js') },
  {
    name: 'db',
    summary: 'Database status and migrations; copy between SQLite and Postgres (export/import)',
    load: () => import('./commands/db.js'),
  },
  {
    name: 'trace',
    summary: 'Print one trace as a tree with durations, tokens and cost',
    load: () => import('./commands/trace.js'),
  },
  {
    name: 'run',
    summary: 'Run an agent on a task, streaming its steps',
    load: () => import('./commands/run.js'),
  },
  {
    name: 'runs',
    summary: 'List agent runs, or pending approvals (--pending)',
    load: () => import('./commands/runs.js'),
  },
  {
    name: 'team',
    summary: 'Run a multi-agent team from a team.yaml (supervisor, handoff, debate, group)',
    load: () => import('./commands/team.js'),
  },
  { name: 'approve', summary: 'Approve a paused tool call', load: () => import('./commands/approve.js') },
  {
    name: 'reject',
    summary: 'Reject a paused tool call (the model is told)',
    load: () => import('./commands/reject.js'),
  },
  {
    name: 'guard',
    summary: 'Scan text with a guard policy; evaluate or retrain the guard detectors',
    load: () => import('./commands/guard.js'),
  },
  {
    name: 'ingest',
    summary: 'Load files, folders or URLs into a RAG collection (incremental)',
    load: () => import('./commands/ingest.js'),
  },
  {
    name: 'search',
    summary: 'Search a RAG collection (bm25 | vector | hybrid)',
    load: () => import('./commands/search.js'),
  },
  {
    name: 'ask',
    summary: 'Answer a question from a RAG collection, with checked citations',
    load: () => import('./commands/ask.js'),
  },
  {
    name: 'rag',
    summary: 'RAG collections and retrieval evaluation (rag eval cranfield)',
    load: () => import('./commands/rag.js'),
  },
  {
    name: 'monitor',
    summary: 'Drift report over recorded guard events (lengths, languages, refusal, PII and injection rates)',
    load: () => import('./commands/monitor.js'),
  },
  {
    name: 'eval',
    summary: 'Run evaluations, compare runs (--ci gates), check judges',
    load: () => import('./commands/eval.js'),
  },
  {
    name: 'keys',
    summary: 'Gateway API keys: create (shown once), list, revoke, usage',
    load: () => import('./commands/keys.js'),
  },
  {
    name: 'simulate',
    summary: 'Run the OpenAI-compatible backend simulator (latency, output length, injected faults)',
    load: () => import('./commands/simulate.js'),
  },
  {
    name: 'memory',
    summary: "A user's long-term memory: ingest a conversation, recall, forget",
    load: () => import('./commands/memory.js'),
  },
  {
    name: 'bench',
    summary: 'Load-test OpenAI-compatible backends (bench backend: TTFT, TPOT, ITL, goodput)',
    load: () => import('./commands/bench.js'),
  },
  {
    name: 'cost',
    summary: 'Cost reports: spend by key, model and route, cache savings, router decisions (cost report)',
    load: () => import('./commands/cost.js'),
  },
  {
    name: 'worker',
    summary: 'Run queued jobs (agent, team, eval, batch); SIGTERM drains',
    load: () => import('./commands/worker.js'),
  },
  {
    name: 'jobs',
    summary: 'Queued jobs: status, wait, cancel, counts; queue a team run or an eval',
    load: () => import('./commands/jobs.js'),
  },
];
