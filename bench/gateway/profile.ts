// `node bin/run-ts.js bench/gateway/profile.ts <folder>`: CPU profiles (`node --cpu-prof`, 50 µs
// sampling) of the bare proxy and of the gateway as users run it (ratio.ts's configuration), one after
// the other, under the same wrk load (32 connections; proxies on core 0, wrk and the upstream on core
// 1), with each one's CPU µs per request over the profiled run. The profiles land in <folder>/bare and
// <folder>/gw (the main thread's is the file ending .0.001.cpuprofile; open it in Chrome DevTools or
// sum its samples). WHICH=bare,gw (default) picks the targets, S=8 the seconds of load, UNTRACED=1
// turns the gateway's tracing off; BASE_DIR=<a checkout of another commit> adds the target `base`: that
// commit's gateway, same configuration (before/after in one run).
import { benchGateway } from './bench-config.js';
import { cpuSecondsExact, start, stop } from './processes.js';
import { runWrk } from './wrk.js';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node bin/run-ts.js bench/gateway/profile.ts <folder>\n');
  process.exit(1);
}
const which = (process.env.WHICH ?? 'bare,gw').split(',');
const seconds = Number(process.env.S ?? 8);
const upstream = await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: 1 });
const config: Record<string, unknown> = {
  gateway: benchGateway(upstream.url, { cache: { enabled: false } }),
};
if (process.env.UNTRACED === '1') config.tracing = { enabled: false };
const profile = (name: string) => [
  '--cpu-prof',
  `--cpu-prof-dir=${dir}/${name}`,
  '--cpu-prof-interval',
  '50',
];
try {
  for (const name of which) {
    const server =
      name === 'bare'
        ? await start([...profile(name), 'bin/run-ts.js', 'bench/gateway/bare-proxy.ts', upstream.url], {
            core: 0,
          })
        : await start([...profile(name), 'bin/run-ts.js', 'bench/gateway/gateway-server.ts'], {
            core: 0,
            cwd: name === 'base' ? process.env.BASE_DIR : undefined,
            env: { GANTRY_BENCH_CONFIG: JSON.stringify(config) },
          });
    const key = / key (\S+)/.exec(server.line)?.[1] ?? '';
    const load = { label: name, url: server.url, connections: 32, env: { BENCH_KEY: key }, core: 1 };
    await runWrk({ ...load, seconds: 2 }); // warm-up
    const before = cpuSecondsExact(server.pid);
    const r = await runWrk({ ...load, seconds });
    const cpu = cpuSecondsExact(server.pid) - before;
    process.stdout.write(
      `${name}: ${Math.round(r.requestsPerSecond)} req/s, ${r.requests} requests, ${((cpu * 1e6) / r.requests).toFixed(1)} µs CPU/request, ${r.errors} errors\n`,
    );
    await stop(server); // SIGTERM: the process exits and writes its profile
  }
} finally {
  await stop(upstream);
}
