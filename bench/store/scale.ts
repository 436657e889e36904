// `node bin/run-ts.js bench/store/run.ts scale --rows 1000000`: each domain's table filled to N rows
// through its repository (1,000 rows per call: one transaction on SQLite, one multi-row statement on
// Postgres), then the domain's real writes and reads timed at that size, p50 and p99, on SQLite (a
// file, WAL) and Postgres (loopback TCP). Options: --rows N (default 100000), --domains
// trace,gateway,memory, --backends sqlite,postgres, --vector-dim D (memory vectors, default 384),
// --vectors N (memory vectors, default: one per episode).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.js';
import { benchPostgres } from './postgres-for-bench.js';
import { gatewayScale } from './scale-gateway.js';
import { memoryScale } from './scale-memory.js';
import { traceScale } from './scale-trace.js';
import type { DomainScale, Measured } from './scale-types.js';
import { percentile } from './timing.js';

interface Options {
  rows: number;
  domains: string[];
  backends: string[];
  vectorDim: number;
  vectors?: number;
}

function parse(args: readonly string[]): Options {
  const options: Options = {
    rows: 100_000,
    domains: ['trace', 'gateway', 'memory'],
    backends: ['sqlite', 'postgres'],
    vectorDim: 384,
  };
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if (args[i] === '--rows') options.rows = Number(value);
    else if (args[i] === '--domains') options.domains = value.split(',');
    else if (args[i] === '--backends') options.backends = value.split(',');
    else if (args[i] === '--vector-dim') options.vectorDim = Number(value);
    else if (args[i] === '--vectors') options.vectors = Number(value);
    else throw new Error(`Unknown option ${args[i]} (see bench/store/scale.ts)`);
    i++;
  }
  if (!Number.isInteger(options.rows) || options.rows < 1000)
    throw new Error('--rows must be an integer ≥ 1000');
  return options;
}

interface Result {
  fills: { table: string; rows: number; seconds: number }[];
  measured: Measured[];
  bytes?: number;
}

async function runBackend<S extends Store>(
  name: string,
  open: () => Promise<S>,
  domains: DomainScale[],
  rows: number,
  size: (store: S) => Promise<number | undefined>,
): Promise<Map<string, Result>> {
  const results = new Map<string, Result>();
  for (const domain of domains) {
    const store = await open();
    try {
      console.log(`${name} ${domain.domain}: filling to ${rows.toLocaleString('en')} rows`);
      const fills = await domain.fill(store, rows);
      for (const f of fills)
        console.log(`  ${f.table}: ${Math.round(f.rows / f.seconds)} rows/s (${f.seconds.toFixed(1)} s)`);
      const measured = await domain.measure(store, rows);
      results.set(domain.domain, { fills, measured, bytes: await size(store) });
    } finally {
      await store.close();
    }
  }
  return results;
}

const ms = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(0)} µs`);

export async function runScale(args: readonly string[]): Promise<void> {
  const options = parse(args);
  const all: DomainScale[] = [
    traceScale,
    gatewayScale,
    memoryScale(options.vectorDim, (rows) => options.vectors ?? rows),
  ];
  const domains = all.filter((d) => options.domains.includes(d.domain));
  const folder = mkdtempSync(join(tmpdir(), 'gantry-bench-scale-'));
  const byBackend = new Map<string, Map<string, Result>>();
  const started = new Date().toISOString();
  try {
    if (options.backends.includes('sqlite')) {
      let n = 0;
      let path = '';
      byBackend.set(
        'SQLite',
        await runBackend(
          'sqlite',
          async () => {
            path = join(folder, `scale-${n++}.db`);
            return openSqliteStore({ path });
          },
          domains,
          options.rows,
          async () => statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0),
        ),
      );
    }
    if (options.backends.includes('postgres')) {
      const postgres = await benchPostgres();
      try {
        let n = 0;
        byBackend.set(
          'Postgres',
          await runBackend(
            'postgres',
            () => openPostgresStore({ url: postgres.url, schema: `scale_${Date.now()}_${n++}` }),
            domains,
            options.rows,
            async (store) => {
              const [row] = await store.database.query<{ bytes: number }>(
                `SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'`,
              );
              return row.bytes;
            },
          ),
        );
        console.log(`Postgres: ${postgres.description}`);
      } finally {
        await postgres.stop();
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const backends = [...byBackend.keys()];
  console.log(`\nstarted ${started}, ${options.rows.toLocaleString('en')} rows per domain`);
  console.log(`\n| domain | table filled (1,000 rows per call) | ${backends.join(' | ')} |`);
  console.log(`| --- | --- | ${backends.map(() => '---').join(' | ')} |`);
  for (const domain of domains) {
    const first = byBackend.get(backends[0])!.get(domain.domain)!;
    for (const [index, f] of first.fills.entries()) {
      const cells = backends.map((b) => {
        const r = byBackend.get(b)!.get(domain.domain)!;
        const fill = r.fills[index];
        return `${fill.rows.toLocaleString('en')} rows, ${Math.round(fill.rows / fill.seconds).toLocaleString('en')} rows/s (${fill.seconds.toFixed(1)} s)`;
      });
      console.log(`| ${domain.domain} | ${f.table} | ${cells.join(' | ')} |`);
    }
    const sizes = backends.map((b) => {
      const bytes = byBackend.get(b)!.get(domain.domain)!.bytes;
      return bytes === undefined ? '' : `${(bytes / 1e6).toFixed(0)} MB on disk`;
    });
    console.log(`| ${domain.domain} | (all tables) | ${sizes.join(' | ')} |`);
  }
  console.log(
    `\n| domain | operation at ${options.rows.toLocaleString('en')} rows | ${backends.map((b) => `${b} p50 / p99`).join(' | ')} | unit |`,
  );
  console.log(`| --- | --- | ${backends.map(() => '---').join(' | ')} | --- |`);
  for (const domain of domains) {
    const first = byBackend.get(backends[0])!.get(domain.domain)!;
    for (const [index, m] of first.measured.entries()) {
      const cells = backends.map((b) => {
        const s = byBackend.get(b)!.get(domain.domain)!.measured[index].samples;
        return `${ms(percentile(s, 50))} / ${ms(percentile(s, 99))}`;
      });
      console.log(`| ${domain.domain} | ${m.operation} | ${cells.join(' | ')} | ${m.unit} |`);
    }
  }
}
