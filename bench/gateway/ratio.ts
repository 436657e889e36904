// `node bin/run-ts.js bench/gateway/ratio.ts`: the issue-23 figure. The gateway as users run it
// (defaults, plus auth required and a stored key with limits: usage rows, metrics and a span per
// request written to SQLite, as `gantry serve` does) against the bare node:http + undici proxy, on
// the same fake upstream, driven by the same wrk, in alternating rounds (order swapped every round,
// A B B A..., so a load that drifts during the run hits both alike). Per round: requests/s and the
// server's CPU µs per request (its threads' run time over the round, from /proc schedstat: what
// process.cpuUsage() says inside it, to the nanosecond, ÷ requests answered). CPU per request is far
// less distorted by other load on the box than throughput is; both are quoted, as medians of the
// per-round gateway/bare ratios and as ratios of the medians.
// BENCH_SECONDS (default 3) and BENCH_ROUNDS (default 8) set the length, BENCH_WARMUP_SECONDS (default 15) each target's warm-up; BENCH_CONNECTIONS (default
// 32) the wrk connections; BENCH_UNTRACED=1 adds a target: the same gateway with tracing off;
// BENCH_BASE=<commit> adds the gateway of that commit, same configuration (before/after in one run).
// BENCH_MODE=concurrent drives every target at once in each round (one wrk each), so that all of
// them meet the same load from the rest of the box at the same moment (for a busy machine: their
// throughputs then split core 0 between them, so only the CPU per request is the figure to read).
// BENCH_NODE_FLAGS="--max-semi-space-size=64" (node flags, space-separated) adds two targets: the bare
// proxy and the gateway, both started with those flags (apples to apples), and prints the gateway's
// ratio with both at default flags and with both under the flags, plus each one's flags ÷ default.
// Cores: the proxies on core 0, the upstream and wrk on core 1 (taskset), as in run.ts; on a machine with
// more cores BENCH_PROXY_CORE, BENCH_UPSTREAM_CORE and BENCH_WRK_CORE give each its own (taskset lists).
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchGateway } from './bench-config.js';
import { cpuSecondsExact, type Started, start, stop } from './processes.js';
import { hasWrk, type LoadResult, runWrk } from './wrk.js';

if (!hasWrk) {
  process.stderr.write('bench/gateway/ratio.ts needs wrk: apt-get install wrk\n');
  process.exit(2);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const withUntraced = process.env.BENCH_UNTRACED === '1';
const baseCommit = process.env.BENCH_BASE;
// BENCH_BASE_DIR=<folder>: the base already extracted there (src, bench, bin, package.json, tsconfig.json and
// a node_modules), for a machine without the repository's history; BENCH_BASE then only names it.
const baseDir = process.env.BENCH_BASE_DIR;
const concurrent = process.env.BENCH_MODE === 'concurrent';
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');
const flagged = (label: string) => `${label} ${nodeFlags.join(' ')}`;
const proxyCore = process.env.BENCH_PROXY_CORE ?? 0;
const loadCore = process.env.BENCH_UPSTREAM_CORE ?? 1;
const wrkCore = process.env.BENCH_WRK_CORE ?? loadCore;

interface Target {
  label: string;
  server: Started;
  key: string;
}
interface Round {
  requestsPerSecond: number;
  cpuMicrosPerRequest: number;
  errors: number;
}

const started: Started[] = [];
let baseFolder: string | undefined;
try {
  const upstream = await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: loadCore });
  started.push(upstream);
  const bare = await start(['bin/run-ts.js', 'bench/gateway/bare-proxy.ts', upstream.url], {
    core: proxyCore,
  });
  started.push(bare);
  // As users run it: the configuration's defaults (tracing on, metrics on, usage rows, no response
  // cache), auth required, and the key the server creates with limits (gateway-server.ts).
  const asUsersRunIt = { gateway: benchGateway(upstream.url, { cache: { enabled: false } }) };
  const targets: Target[] = [{ label: 'bare proxy', server: bare, key: '' }];
  if (nodeFlags.length > 0) {
    const bareFlagged = await start(
      [...nodeFlags, 'bin/run-ts.js', 'bench/gateway/bare-proxy.ts', upstream.url],
      {
        core: proxyCore,
      },
    );
    started.push(bareFlagged);
    targets.push({ label: flagged('bare proxy'), server: bareFlagged, key: '' });
  }
  const configs: [string, Record<string, unknown>, string | undefined, string[]][] = [
    ['gateway as users run it', asUsersRunIt, undefined, []],
  ];
  if (nodeFlags.length > 0)
    configs.push([flagged('gateway as users run it'), asUsersRunIt, undefined, nodeFlags]);
  if (baseDir) configs.push([`gateway at ${baseCommit ?? baseDir}`, asUsersRunIt, resolve(baseDir), []]);
  else if (baseCommit) {
    baseFolder = mkdtempSync(join(tmpdir(), 'gantry-gateway-base-'));
    execSync(`git archive ${baseCommit} src bench bin package.json tsconfig.json | tar -x -C ${baseFolder}`);
    symlinkSync(resolve('node_modules'), join(baseFolder, 'node_modules'));
    configs.push([`gateway at ${baseCommit}`, asUsersRunIt, baseFolder, []]);
  }
  if (withUntraced)
    configs.push(['gateway, tracing off', { ...asUsersRunIt, tracing: { enabled: false } }, undefined, []]);
  for (const [label, config, cwd, flags] of configs) {
    const server = await start([...flags, 'bin/run-ts.js', 'bench/gateway/gateway-server.ts'], {
      core: proxyCore,
      cwd,
      env: { GANTRY_BENCH_CONFIG: JSON.stringify(config) },
    });
    started.push(server);
    targets.push({ label, server, key: / key (\S+)/.exec(server.line)?.[1] ?? '' });
  }

  const measure = async (t: Target, length: number): Promise<Round> => {
    const before = cpuSecondsExact(t.server.pid);
    const r: LoadResult = await runWrk({
      label: t.label,
      url: t.server.url,
      connections,
      seconds: length,
      env: { BENCH_KEY: t.key },
      core: wrkCore,
    });
    const cpu = cpuSecondsExact(t.server.pid) - before;
    return {
      requestsPerSecond: r.requestsPerSecond,
      cpuMicrosPerRequest: r.requests > 0 ? (cpu * 1e6) / r.requests : Number.NaN,
      errors: r.errors,
    };
  };
  // Warm-up: JIT, connection pools, the key cache, SQLite pages. BENCH_WARMUP_SECONDS (default 15)
  // each: the gateway's optimizing compiles run on V8's background threads (counted in its CPU) for
  // several seconds of load after start (bench/gateway/threads.ts); a server that runs for hours pays
  // them once, so the figure is the steady state (2 s until 4 Dec 2026: its first rounds held compiles).
  for (const t of targets) await measure(t, warmupSeconds);
  const results = new Map<string, Round[]>(targets.map((t) => [t.label, []]));
  for (let round = 0; round < rounds; round++) {
    if (concurrent) {
      const all = await Promise.all(targets.map((t) => measure(t, seconds)));
      for (const [i, t] of targets.entries()) results.get(t.label)?.push(all[i]);
      continue;
    }
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) results.get(t.label)?.push(await measure(t, seconds));
  }
  print(results);
} finally {
  for (const s of started.reverse()) await stop(s);
  if (baseFolder) rmSync(baseFolder, { recursive: true, force: true });
}

function median(list: readonly number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function print(results: ReadonlyMap<string, Round[]>): void {
  const [baseLabel, ...others] = [...results.keys()];
  const base = results.get(baseLabel) ?? [];
  const out = (s: string) => process.stdout.write(s);
  out(
    `\nconnections ${connections}, ${rounds} rounds of ${seconds} s, ${concurrent ? 'all targets at once' : 'alternating'}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n\n`,
  );
  out('| server | req/s per round | CPU µs/req per round | median req/s | median CPU µs/req | errors |\n');
  out('|---|---|---|---|---|---|\n');
  for (const [label, list] of results) {
    const rps = list.map((r) => r.requestsPerSecond);
    const cpu = list.map((r) => r.cpuMicrosPerRequest);
    out(
      `| ${label} | ${rps.map((x) => Math.round(x)).join(', ')} | ${cpu.map((x) => x.toFixed(1)).join(', ')} | ${Math.round(median(rps))} | ${median(cpu).toFixed(1)} | ${list.reduce((s, r) => s + r.errors, 0)} |\n`,
    );
  }
  out('\n');
  for (const label of others) {
    const list = results.get(label) ?? [];
    const throughput = list.map((r, i) => r.requestsPerSecond / base[i].requestsPerSecond);
    const cpu = list.map((r, i) => r.cpuMicrosPerRequest / base[i].cpuMicrosPerRequest);
    const cpuOfMedians =
      median(list.map((r) => r.cpuMicrosPerRequest)) / median(base.map((r) => r.cpuMicrosPerRequest));
    out(
      `${label} / ${baseLabel}: throughput ${median(throughput).toFixed(3)} (median of per-round ratios; ratio of medians ${(median(list.map((r) => r.requestsPerSecond)) / median(base.map((r) => r.requestsPerSecond))).toFixed(3)}); ` +
        `CPU per request ${median(cpu).toFixed(3)}x (median of per-round ratios; ratio of medians ${cpuOfMedians.toFixed(3)}x), ` +
        `i.e. bare/gateway CPU ${(1 / median(cpu)).toFixed(3)} (target: throughput >= 0.8, CPU <= 1.25x)\n`,
    );
  }
  // With BENCH_NODE_FLAGS: gateway ÷ bare with both under the flags, and each one's flags ÷ default.
  const pair = (a: string, b: string) => {
    const x = results.get(a);
    const y = results.get(b);
    if (!x || !y) return;
    const cpu = x.map((r, i) => r.cpuMicrosPerRequest / y[i].cpuMicrosPerRequest);
    const rps = x.map((r, i) => r.requestsPerSecond / y[i].requestsPerSecond);
    out(
      `${a} / ${b}: throughput ${median(rps).toFixed(3)}, CPU per request ${median(cpu).toFixed(3)}x (medians of per-round ratios; CPU per round ${cpu.map((v) => v.toFixed(2)).join(', ')})\n`,
    );
  };
  if (nodeFlags.length > 0) {
    pair(flagged('gateway as users run it'), flagged('bare proxy'));
    pair(flagged('bare proxy'), 'bare proxy');
    pair(flagged('gateway as users run it'), 'gateway as users run it');
  }
  // Before/after: the gateway now against the base commit's, round by round (same load).
  const now = 'gateway as users run it';
  const before = others.find((label) => label.startsWith('gateway at '));
  if (now && before) {
    const a = results.get(now) ?? [];
    const b = results.get(before) ?? [];
    const cpu = a.map((r, i) => r.cpuMicrosPerRequest / b[i].cpuMicrosPerRequest);
    out(
      `${now} / ${before}: CPU per request ${median(cpu).toFixed(3)}x (median of per-round ratios; per round ${cpu.map((x) => x.toFixed(2)).join(', ')})\n`,
    );
  }
}
