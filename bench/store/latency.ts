// Per-domain write and read latency on SQLite (a file, WAL) and Postgres (loopback TCP), through the
// repositories, as the features call them: spans and usage rows written 50 per batch (the trace sink's
// and the gateway's batches), agent runs created then updated once per step, guard events in batches;
// reads are the calls the CLI and the gateway make. Medians over rounds; sizes in the output.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.js';
import { benchPostgres } from './postgres-for-bench.js';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

interface Row {
  domain: string;
  operation: string;
  sqlite: number;
  postgres: number;
  unit: string;
}

async function measure(store: Store, rows: number): Promise<Map<string, { value: number; unit: string }>> {
  const out = new Map<string, { value: number; unit: string }>();
  const time = async (
    name: string,
    unit: string,
    per: number,
    work: () => Promise<unknown>,
    rounds: number,
  ) => {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      await work();
      samples.push(((performance.now() - started) * 1000) / per);
    }
    out.set(name, { value: median(samples), unit });
  };
  const batch = 50;
  let spanCounter = 0;
  const spanBatch = () =>
    Array.from({ length: batch }, () => {
      const n = spanCounter++;
      return {
        traceId: `t${Math.floor(n / 5)
          .toString(16)
          .padStart(12, '0')}`,
        spanId: `s${n}`,
        parentSpanId: n % 5 === 0 ? null : `s${n - (n % 5)}`,
        name: 'gateway.request',
        kind: 'server' as const,
        startTime: 1_767_225_600_000 + n,
        endTime: 1_767_225_600_010 + n,
        status: 'ok' as const,
        attributes: { 'gen_ai.request.model': 'm', 'gen_ai.usage.input_tokens': 12, route: 'chat' },
      };
    });
  await time(
    'trace: saveSpans (50/batch)',
    'µs/row',
    batch,
    () => store.spans.saveSpans(spanBatch()),
    rows / batch,
  );
  await time(
    'trace: getTrace (5 spans)',
    'µs/call',
    1,
    () => store.spans.getTrace(`t${(777).toString(16).padStart(12, '0')}`),
    200,
  );
  let usageCounter = 0;
  const usageBatch = () =>
    Array.from({ length: batch }, () => ({
      keyId: `k${usageCounter++ % 10}`,
      model: 'm',
      route: 'm',
      upstream: 'sim',
      endpoint: 'chat' as const,
      status: 200,
      stream: false,
      cached: false,
      inputTokens: 12,
      outputTokens: 30,
      costUsd: 0.0001,
      usageSource: 'upstream' as const,
      durationMs: 40,
      createdAt: 1_767_225_600_000 + usageCounter,
    }));
  await time(
    'gateway: saveUsage (50/batch)',
    'µs/row',
    batch,
    () => store.gatewayUsage.saveUsage(usageBatch()),
    rows / batch,
  );
  await time(
    'gateway: totalsForKey (budget check)',
    'µs/call',
    1,
    () => store.gatewayUsage.totalsForKey('k3', '2026-01-01'),
    500,
  );
  let runCounter = 0;
  await time(
    'agent: createRun + 3 updateRun',
    'µs/run',
    1,
    async () => {
      const id = `run${runCounter++}`;
      await store.agentRuns.createRun({ id, agentName: 'a', task: 'task', model: 'm' });
      for (let step = 1; step <= 3; step++) {
        await store.agentRuns.updateRun(id, {
          stepCount: step,
          inputTokens: step * 100,
          checkpoint: { step, messages: ['x'.repeat(200)] },
        });
      }
    },
    Math.min(2000, rows / 10),
  );
  await time('agent: getRun', 'µs/call', 1, () => store.agentRuns.getRun('run7'), 500);
  await time(
    'guard: saveEvents (50/batch)',
    'µs/row',
    batch,
    () =>
      store.guardEvents.saveEvents(
        Array.from({ length: batch }, (_, i) => ({
          at: 1_767_225_600_000 + i,
          direction: 'input' as const,
          action: 'allow' as const,
          length: 40,
          language: 'en',
          refusal: false,
          piiCount: 0,
          injectionScore: 0.01,
          toxicityScore: 0,
          findings: [],
        })),
      ),
    rows / batch / 2,
  );
  return out;
}

export async function runLatency(args: readonly string[]): Promise<void> {
  const rows = Number(args[0] ?? 20_000);
  const folder = mkdtempSync(join(tmpdir(), 'gantry-bench-store-'));
  const postgres = await benchPostgres();
  try {
    const sqlite = openSqliteStore({ path: join(folder, 'bench.db') });
    const onSqlite = await measure(sqlite, rows);
    await sqlite.close();
    const pg = await openPostgresStore({ url: postgres.url, schema: `bench_${Date.now()}` });
    const onPostgres = await measure(pg, rows);
    await pg.close();
    const table: Row[] = [...onSqlite].map(([name, { value, unit }]) => ({
      domain: name.split(':')[0],
      operation: name.split(': ')[1],
      sqlite: value,
      postgres: onPostgres.get(name)!.value,
      unit,
    }));
    console.log(
      `\nrows per write series: ${rows} (spans, usage), ${rows / 2} (guard events), ${Math.min(2000, rows / 10)} agent runs`,
    );
    console.log(
      `Postgres: ${postgres.description}; SQLite: a file in ${tmpdir()} (WAL, synchronous=NORMAL)\n`,
    );
    console.log('| domain | operation | SQLite | Postgres | unit | Postgres / SQLite |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const r of table) {
      console.log(
        `| ${r.domain} | ${r.operation} | ${r.sqlite.toFixed(1)} | ${r.postgres.toFixed(1)} | ${r.unit} | ${(r.postgres / r.sqlite).toFixed(1)}× |`,
      );
    }
  } finally {
    await postgres.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
