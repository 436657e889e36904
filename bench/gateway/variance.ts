// `node bin/run-ts.js bench/gateway/variance.ts`: why one fresh gateway process settles slower than
// another. Starts the fake upstream and one bare proxy (the control, kept for the whole run), then
// PROCESSES (default 6) fresh gateway processes one after another, each exactly as ratio.ts starts it
// (gateway-server.ts, the configuration as users run it), each warmed up WARM s (default 15, as
// ratio.ts) and measured in ROUNDS (default 4) rounds of S s (default 4), alternating with the bare
// proxy (order swapped each round). Per process: median CPU µs/request, split into the main thread and
// the other threads (schedstat, exact), the bare proxy's median in the same rounds, scavenges and
// mark-compacts per 1,000 requests, and, when FLAGS holds --trace-deopt/--trace-opt, how many deopts
// and optimizing compiles the process printed during the measured rounds (after its warm-up).
// FLAGS (space-separated node flags) goes to every gateway; FLAGS_B to every second one (process 2, 4,
// ...; old/new alternating: A B A B ...). Proxies on core 0, upstream and wrk on core 1, as ratio.ts.
import { appendFileSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { loadavg } from 'node:os';
import { benchGateway } from './bench-config.js';
import { readGcMeter } from './gc-meter-read.js';
import { type Started, start, stop, threadNanos } from './processes.js';
import { runWrk } from './wrk.js';

const processes = Number(process.env.PROCESSES ?? 6);
const warm = Number(process.env.WARM ?? 15);
const rounds = Number(process.env.ROUNDS ?? 4);
const seconds = Number(process.env.S ?? 4);
const flagsA = (process.env.FLAGS ?? '').split(' ').filter(Boolean);
const flagsB = process.env.FLAGS_B === undefined ? flagsA : process.env.FLAGS_B.split(' ').filter(Boolean);
// TRACE_DIR=<folder>: the trace lines printed during the measured rounds go to trace-<process>.txt there.
const traceDir = process.env.TRACE_DIR;
const gcMeter = './bench/gateway/gc-meter.cjs';

/** User and kernel CPU seconds of the whole process (/proc/<pid>/stat, clock ticks). */
function userSystem(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

/** Open TCP sockets of the process (its 32 client connections plus its connections to the upstream). */
function upstreamSockets(pid: number): number {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

const median = (list: readonly number[]) => {
  const s = [...list].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const upstream = await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: 1 });
const bare = await start(['bin/run-ts.js', 'bench/gateway/bare-proxy.ts', upstream.url], { core: 0 });
const config = { gateway: benchGateway(upstream.url, { cache: { enabled: false } }) };
const out = (s: string) => process.stdout.write(s);
out(
  `load average at start ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
out(
  '| process | flags | gw µs/req per round | gw median | main | other threads | kernel | bare median | bare kernel | gw/bare | scav/1k req | scav ms/1k req | mark-compacts | deopts | opts | upstream sockets | errors |\n',
);
out('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n');
try {
  await runWrk({ label: 'bare', url: bare.url, connections: 32, seconds: warm, core: 1 });
  for (let p = 1; p <= processes; p++) {
    const flags = p % 2 === 0 ? flagsB : flagsA;
    let gw: Started | undefined;
    try {
      gw = await start([...flags, '--require', gcMeter, 'bin/run-ts.js', 'bench/gateway/gateway-server.ts'], {
        core: 0,
        env: { GANTRY_BENCH_CONFIG: JSON.stringify(config) },
      });
      const server = gw;
      let deopts = 0;
      let opts = 0;
      let counting = false;
      let tail = '';
      server.child.stdout?.on('data', (d: Buffer) => {
        const lines = (tail + d.toString()).split('\n');
        tail = lines.pop() ?? '';
        if (!counting) return;
        if (traceDir) appendFileSync(`${traceDir}/trace-${p}.txt`, `${lines.join('\n')}\n`);
        for (const line of lines) {
          if (line.includes('bailout (kind:') || line.includes('deoptimizing')) deopts++;
          else if (line.includes('completed optimizing') || line.includes('completed compiling')) opts++;
        }
      });
      const key = / key (\S+)/.exec(server.line)?.[1] ?? '';
      if (key === '') throw new Error(`no key in the gateway server's line: ${server.line}`);
      await runWrk({
        label: 'gw',
        url: server.url,
        connections: 32,
        seconds: warm,
        env: { BENCH_KEY: key },
        core: 1,
      });
      counting = true;
      const gcBefore = await readGcMeter(server.pid);
      const gwRounds: { us: number; main: number; bg: number; kernel: number; requests: number }[] = [];
      const bareKernel: number[] = [];
      const bareRounds: number[] = [];
      let errors = 0;
      const one = async (target: 'gw' | 'bare') => {
        const s = target === 'gw' ? server : bare;
        const before = threadNanos(s.pid);
        const usBefore = userSystem(s.pid);
        const r = await runWrk({
          label: target,
          url: s.url,
          connections: 32,
          seconds,
          env: { BENCH_KEY: target === 'gw' ? key : '' },
          core: 1,
        });
        const after = threadNanos(s.pid);
        const usAfter = userSystem(s.pid);
        const kernel = ((usAfter.system - usBefore.system) * 1e6) / r.requests;
        const main = (after.main - before.main) / 1e3 / r.requests;
        const bg = (after.background - before.background) / 1e3 / r.requests;
        errors += r.errors;
        if (target === 'gw') gwRounds.push({ us: main + bg, main, bg, kernel, requests: r.requests });
        else {
          bareRounds.push(main + bg);
          bareKernel.push(kernel);
        }
      };
      for (let round = 0; round < rounds; round++) {
        const order: ('gw' | 'bare')[] = round % 2 === 0 ? ['bare', 'gw'] : ['gw', 'bare'];
        for (const t of order) await one(t);
      }
      const gcAfter = await readGcMeter(server.pid);
      const requests = gwRounds.reduce((s, r) => s + r.requests, 0);
      const gwMedian = median(gwRounds.map((r) => r.us));
      const bareMedian = median(bareRounds);
      out(
        `| ${p} | ${flags.join(' ') || 'default'} | ${gwRounds.map((r) => r.us.toFixed(1)).join(', ')} | ${gwMedian.toFixed(1)} | ` +
          `${median(gwRounds.map((r) => r.main)).toFixed(1)} | ${median(gwRounds.map((r) => r.bg)).toFixed(1)} | ${median(gwRounds.map((r) => r.kernel)).toFixed(1)} | ${bareMedian.toFixed(1)} | ${median(bareKernel).toFixed(1)} | ` +
          `${(gwMedian / bareMedian).toFixed(3)} | ${(((gcAfter.minor - gcBefore.minor) * 1000) / requests).toFixed(2)} | ` +
          `${(((gcAfter.minorMs - gcBefore.minorMs) * 1000) / requests).toFixed(3)} | ${gcAfter.major - gcBefore.major} | ${deopts} | ${opts} | ${upstreamSockets(server.pid)} | ${errors} |\n`,
      );
    } finally {
      await stop(gw);
    }
  }
  out(
    `load average at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
} finally {
  await stop(bare);
  await stop(upstream);
}
