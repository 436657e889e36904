// Alternating rounds of wrk against several proxies on the same cores (compare.ts, variants.ts):
// each proxy is warmed up, then measured once per round, so that a change in the box's load hits
// them all alike; the table gives CPU µs per request per round and the median against the first.
import type { Started } from './processes.js';
import { type LoadResult, runWrk } from './wrk.js';

export interface RoundTarget {
  label: string;
  server: Started;
  /** API key sent as a bearer token ('' for none). */
  key: string;
}

export async function alternateRounds(
  targets: readonly RoundTarget[],
  { seconds, rounds, core }: { seconds: number; rounds: number; core: number },
): Promise<Map<string, LoadResult[]>> {
  for (const t of targets) {
    await runWrk({
      label: 'warm-up',
      url: t.server.url,
      connections: 32,
      seconds: 2,
      env: { BENCH_KEY: t.key },
      core,
    });
  }
  const results = new Map<string, LoadResult[]>();
  for (let round = 0; round < rounds; round++) {
    for (const t of targets) {
      const r = await runWrk({
        label: t.label,
        url: t.server.url,
        connections: 32,
        seconds,
        env: { BENCH_KEY: t.key },
        measuredPid: t.server.pid,
        core,
      });
      results.set(t.label, [...(results.get(t.label) ?? []), r]);
    }
  }
  return results;
}

/** The Markdown table; ratios are against the first target (the bare proxy). */
export function printRounds(results: ReadonlyMap<string, LoadResult[]>, heading: string): void {
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const [first] = results.values();
  const baseline = median((first ?? []).map((r) => r.cpuMicrosPerRequest ?? 0));
  process.stdout.write(
    `\n| ${heading} | req/s per round (c=32) | CPU µs/req per round | median CPU µs/req | x ${results.keys().next().value} (median) |\n|---|---|---|---|---|\n`,
  );
  for (const [label, list] of results) {
    const cpu = list.map((r) => r.cpuMicrosPerRequest ?? 0);
    const errors = list.reduce((sum, r) => sum + r.errors, 0);
    process.stdout.write(
      `| ${label} | ${list.map((r) => Math.round(r.requestsPerSecond)).join(', ')} | ${cpu.map((c) => c.toFixed(0)).join(', ')} | ${median(cpu).toFixed(0)} | ${(median(cpu) / baseline).toFixed(2)}${errors ? ` (${errors} errors)` : ''} |\n`,
    );
  }
}
