// `node bin/run-ts.js bench/gateway/threads.ts`: the CPU per request of the bare proxy and of the
// gateway as users run it (ratio.ts's configuration), split by thread: the main (JavaScript) thread
// and V8's worker threads ("node": optimizing compiles, parallel scavenges, concurrent marking and
// sweeping), which ratio.ts counts too (a process's CPU). Each server is started, warmed up 2 s under
// wrk (32 connections; proxies on core 0, wrk and the upstream on core 1), then measured in WINDOWS
// (default 8) consecutive windows of S seconds (default 2), so that the JIT's warm-up shows as a
// falling background share; with the scavenges and mark-compacts of each window (a preloaded
// PerformanceObserver, gc-meter.cjs). Per-thread times come from /proc/<pid>/task/*/stat in clock
// ticks (10 ms): a window of N requests resolves 10,000 / N µs per request. WHICH=bare,gw (default)
// picks the servers; GW_FLAGS adds node flags to the gateway.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchGateway } from './bench-config.js';
import { start, stop } from './processes.js';
import { runWrk } from './wrk.js';

const ticksPerSecond = 100;
const windows = Number(process.env.WINDOWS ?? 8);
const seconds = Number(process.env.S ?? 2);
const which = (process.env.WHICH ?? 'bare,gw').split(',');
const gcMeter = './bench/gateway/gc-meter.cjs';

/** CPU seconds so far: the main thread, and all other threads together. */
function threadSeconds(pid: number): { main: number; background: number } {
  const totals = { main: 0, background: 0 };
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
    } catch {
      continue; // a thread that ended
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpu = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    if (task === String(pid)) totals.main += cpu;
    else totals.background += cpu;
  }
  return totals;
}

/** The gc-meter's totals so far (it writes them on SIGUSR2). */
async function gcTotals(pid: number): Promise<{ minor: number; major: number }> {
  const file = `/tmp/gc-meter-${pid}.json`;
  rmSync(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 40; i++) {
    await sleep(50);
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // not written yet
    }
  }
  return { minor: Number.NaN, major: Number.NaN };
}

const upstream = await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: 1 });
const config = { gateway: benchGateway(upstream.url, { cache: { enabled: false } }) };
const gatewayFlags = process.env.GW_FLAGS ? process.env.GW_FLAGS.split(' ') : [];
try {
  for (const name of which) {
    const server =
      name === 'bare'
        ? await start(['--require', gcMeter, 'bin/run-ts.js', 'bench/gateway/bare-proxy.ts', upstream.url], {
            core: 0,
          })
        : await start(
            [...gatewayFlags, '--require', gcMeter, 'bin/run-ts.js', 'bench/gateway/gateway-server.ts'],
            {
              core: 0,
              env: { GANTRY_BENCH_CONFIG: JSON.stringify(config) },
            },
          );
    const key = / key (\S+)/.exec(server.line)?.[1] ?? '';
    const load = { label: name, url: server.url, connections: 32, env: { BENCH_KEY: key }, core: 1 };
    await runWrk({ ...load, seconds: 2 }); // warm-up, as ratio.ts's default
    process.stdout.write(
      `\n${name}: window, requests, µs/request main, background, scavenges, mark-compacts\n`,
    );
    for (let window = 1; window <= windows; window++) {
      const cpu = threadSeconds(server.pid);
      const gc = await gcTotals(server.pid);
      const r = await runWrk({ ...load, seconds });
      const cpuAfter = threadSeconds(server.pid);
      const gcAfter = await gcTotals(server.pid);
      const per = (s: number) => ((s * 1e6) / r.requests).toFixed(1);
      process.stdout.write(
        `${name} ${window}: ${r.requests}, ${per(cpuAfter.main - cpu.main)}, ${per(cpuAfter.background - cpu.background)}, ${gcAfter.minor - gc.minor}, ${gcAfter.major - gc.major}\n`,
      );
    }
    await stop(server);
  }
} finally {
  await stop(upstream);
}
