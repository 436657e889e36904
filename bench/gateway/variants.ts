// `node bin/run-ts.js bench/gateway/variants.ts`: the working tree's gateway in several
// configurations (tracing on, off, sampled; features off one at a time) beside the bare proxy, in
// alternating rounds on the same cores as run.ts: CPU µs per request of each, to see what a feature
// costs. BENCH_SECONDS (default 4) and BENCH_ROUNDS (default 3) set the length.
import { benchGateway } from './bench-config.js';
import { type Started, start, stop } from './processes.js';
import { alternateRounds, printRounds } from './rounds.js';
import { hasWrk } from './wrk.js';

if (!hasWrk) {
  process.stderr.write('bench/gateway/variants.ts needs wrk: apt-get install wrk\n');
  process.exit(2);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const proxyCore = 0;
const loadCore = 1;

const started: Started[] = [];
try {
  const upstream = await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: loadCore });
  started.push(upstream);
  const gateway = (extra: Record<string, unknown> = {}) => benchGateway(upstream.url, extra);
  const off = { tracing: { enabled: false } };
  const variants: [string, Record<string, unknown>][] = [
    ['span per request (default)', { gateway: gateway() }],
    ['tracing off', { ...off, gateway: gateway() }],
    ['tracing sampled 0.1', { tracing: { sampleRatio: 0.1 }, gateway: gateway() }],
    ['tracing off, no metrics', { ...off, gateway: gateway({ metrics: { enabled: false } }) }],
    ['tracing off, no cache stage', { ...off, gateway: gateway({ cache: { enabled: false } }) }],
  ];
  const bare = await start(['bin/run-ts.js', 'bench/gateway/bare-proxy.ts', upstream.url], {
    core: proxyCore,
  });
  started.push(bare);
  const targets = [{ label: 'bare proxy', server: bare, key: '' }];
  for (const [label, config] of variants) {
    const server = await start(['bin/run-ts.js', 'bench/gateway/gateway-server.ts'], {
      core: proxyCore,
      env: { GANTRY_BENCH_CONFIG: JSON.stringify(config) },
    });
    started.push(server);
    targets.push({ label, server, key: / key (\S+)/.exec(server.line)?.[1] ?? '' });
  }
  printRounds(await alternateRounds(targets, { seconds, rounds, core: loadCore }), 'gateway');
} finally {
  for (const s of started.reverse()) await stop(s);
}
