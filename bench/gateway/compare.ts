// `node bin/run-ts.js bench/gateway/compare.ts <commit>`: the gateway of this working tree against
// the gateway at an earlier commit (extracted with git archive into a temporary folder), and the
// bare proxy, in one run and on the same cores as run.ts: CPU µs per request of each, so that a
// change to the request path is measured before/after side by side. BENCH_SECONDS (default 5) and
// BENCH_ROUNDS (default 3) set the length; rounds alternate the three proxies.
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Started, start, stop } from './processes.js';
import { hasWrk, type LoadResult, runWrk } from './wrk.js';

const base = process.argv[2];
if (!base || !hasWrk) {
  process.stderr.write('usage: node bin/run-ts.js bench/gateway/compare.ts <commit> (needs wrk)\n');
  process.exit(2);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const proxyCore = 0;
const loadCore = 1;

const before = mkdtempSync(join(tmpdir(), 'gantry-gateway-before-'));
execSync(`git archive ${base} src bench bin package.json tsconfig.json | tar -x -C ${before}`);
symlinkSync(resolve('node_modules'), join(before, 'node_modules'));

const started: Started[] = [];
try {
  const upstream = await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: loadCore });
  started.push(upstream);
  const bare = await start(['bin/run-ts.js', 'bench/gateway/bare-proxy.ts', upstream.url], {
    core: proxyCore,
  });
  started.push(bare);
  const config = JSON.stringify({
    gateway: {
      upstreams: { a: { baseURL: `${upstream.url}/v1` }, b: { baseURL: `${upstream.url}/v1` } },
      routes: {
        bench: {
          strategy: 'least-outstanding',
          targets: [
            { upstream: 'a', model: 'gpt-4o-mini' },
            { upstream: 'b', model: 'gpt-4o-mini' },
          ],
        },
      },
      auth: { required: true },
      cache: { enabled: true },
    },
  });
  const gateways: { label: string; server: Started; key: string }[] = [];
  for (const [label, cwd] of [
    [`gateway at ${base}`, before],
    ['gateway (working tree)', undefined],
  ] as const) {
    const server = await start(['bin/run-ts.js', 'bench/gateway/gateway-server.ts'], {
      core: proxyCore,
      cwd,
      env: { GANTRY_BENCH_CONFIG: config },
    });
    started.push(server);
    gateways.push({ label, server, key: / key (\S+)/.exec(server.line)?.[1] ?? '' });
  }
  const targets = [
    { label: 'bare proxy', server: bare, key: '' },
    ...gateways.map((g) => ({ label: g.label, server: g.server, key: g.key })),
  ];
  for (const t of targets) {
    await runWrk({
      label: 'warm-up',
      url: t.server.url,
      connections: 32,
      seconds: 2,
      env: { BENCH_KEY: t.key },
      core: loadCore,
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
        core: loadCore,
      });
      results.set(t.label, [...(results.get(t.label) ?? []), r]);
    }
  }
  process.stdout.write(
    '\n| proxy | req/s per round (c=32) | CPU µs/req per round | median CPU µs/req | x bare (median) |\n|---|---|---|---|---|\n',
  );
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const bareMedian = median((results.get('bare proxy') ?? []).map((r) => r.cpuMicrosPerRequest ?? 0));
  for (const [label, list] of results) {
    const cpu = list.map((r) => r.cpuMicrosPerRequest ?? 0);
    const errors = list.reduce((sum, r) => sum + r.errors, 0);
    process.stdout.write(
      `| ${label} | ${list.map((r) => Math.round(r.requestsPerSecond)).join(', ')} | ${cpu.map((c) => c.toFixed(0)).join(', ')} | ${median(cpu).toFixed(0)} | ${(median(cpu) / bareMedian).toFixed(2)}${errors ? ` (${errors} errors)` : ''} |\n`,
    );
  }
} finally {
  for (const s of started.reverse()) await stop(s);
  rmSync(before, { recursive: true, force: true });
}
