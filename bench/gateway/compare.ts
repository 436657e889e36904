// `node bin/run-ts.js bench/gateway/compare.ts <commit>`: the gateway of this working tree against
// the gateway at an earlier commit (extracted with git archive into a temporary folder), and the
// bare proxy, in one run and on the same cores as run.ts: CPU µs per request of each, so that a
// change to the request path is measured before/after side by side. BENCH_SECONDS (default 5) and
// BENCH_ROUNDS (default 3) set the length; rounds alternate the three proxies.
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchGateway } from './bench-config.js';
import { type Started, start, stop } from './processes.js';
import { alternateRounds, printRounds } from './rounds.js';
import { hasWrk } from './wrk.js';

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
  // Tracing off on both sides: the bench server of older commits had no tracer at all.
  const config = JSON.stringify({ tracing: { enabled: false }, gateway: benchGateway(upstream.url) });
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
  printRounds(await alternateRounds(targets, { seconds, rounds, core: loadCore }), 'proxy');
} finally {
  for (const s of started.reverse()) await stop(s);
  rmSync(before, { recursive: true, force: true });
}
