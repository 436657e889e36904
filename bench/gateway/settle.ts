// `node bin/run-ts.js bench/gateway/settle.ts`: how a fresh gateway process's CPU per request moves over
// its first minutes of load. One gateway as users run it (ratio.ts's configuration: auth, a key with
// limits and a budget, metrics, usage rows, tracing) under wrk, SEGMENTS (default 12) segments of
// SEGMENT_S seconds (default 10) with a 1-s pause between them; per segment the requests per second and
// the CPU µs per request, split into the main thread and the other threads (from /proc). PROFILE=<folder>
// adds `--cpu-prof` (the pauses show as idle in the profile: settle-profile.ts cuts it into the same
// segments). IDLE=<n>:<s> pauses s seconds after segment n. BARE=1 measures the bare proxy instead (the reference: does it settle too?).
import { setTimeout as sleep } from 'node:timers/promises';
import { benchGateway } from './bench-config.js';
import { readGcMeter } from './gc-meter-read.js';
import { cpuSecondsExact, start, stop, threadNanos } from './processes.js';
import { runWrk } from './wrk.js';

const segments = Number(process.env.SEGMENTS ?? 12);
const seconds = Number(process.env.SEGMENT_S ?? 10);
const profileDir = process.env.PROFILE;
const bare = process.env.BARE === '1';
// IDLE=<n>:<seconds>: after segment n, a pause of that many seconds (does the process pay again after idle?).
const [idleAfter, idleSeconds] = (process.env.IDLE ?? '0:0').split(':').map(Number);

const upstream = await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: 1 });
const flags = [
  '--require',
  './bench/gateway/gc-meter.cjs',
  ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval', '100'] : []),
];
const server = bare
  ? await start([...flags, 'bin/run-ts.js', 'bench/gateway/bare-proxy.ts', upstream.url], { core: 0 })
  : await start([...flags, 'bin/run-ts.js', 'bench/gateway/gateway-server.ts'], {
      core: 0,
      env: {
        GANTRY_BENCH_CONFIG: JSON.stringify({
          gateway: benchGateway(upstream.url, { cache: { enabled: false } }),
        }),
      },
    });
const key = / key (\S+)/.exec(server.line)?.[1] ?? '';
const load = {
  label: bare ? 'bare' : 'gw',
  url: server.url,
  connections: 32,
  env: { BENCH_KEY: key },
  core: 1,
};
process.stdout.write(
  `| segment | from s | req/s | CPU µs/req | main thread µs/req | scavenges /1k req | scavenge µs/req | mark-compacts | mark-compact ms | young generation MB | RSS MB |\n|---|---|---|---|---|---|---|---|---|---|---|\n`,
);
try {
  let elapsed = 0;
  for (let i = 0; i < segments; i++) {
    const gc0 = await readGcMeter(server.pid);
    const cpu0 = cpuSecondsExact(server.pid);
    const main0 = threadNanos(server.pid).main;
    const r = await runWrk({ ...load, seconds });
    const cpu = cpuSecondsExact(server.pid) - cpu0;
    const main = (threadNanos(server.pid).main - main0) / 1e9;
    const gc = await readGcMeter(server.pid);
    const per = (x: number) => ((x * 1e6) / r.requests).toFixed(1);
    process.stdout.write(
      `| ${i + 1} | ${elapsed} | ${Math.round(r.requestsPerSecond)} | ${per(cpu)} | ${per(main)} | ${(((gc.minor - gc0.minor) * 1000) / r.requests).toFixed(2)} | ${per((gc.minorMs - gc0.minorMs) / 1000)} | ${gc.major - gc0.major} | ${(gc.majorMs - gc0.majorMs).toFixed(1)} | ${(gc.newSpaceBytes / 1e6).toFixed(1)} | ${(gc.rssBytes / 1e6).toFixed(0)} |\n`,
    );
    elapsed += seconds;
    const pause = i + 1 === idleAfter ? idleSeconds : 1;
    await sleep(pause * 1000);
    elapsed += pause;
  }
} finally {
  await stop(server);
  await stop(upstream);
}
