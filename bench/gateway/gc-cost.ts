// `node bin/run-ts.js bench/gateway/gc-cost.ts`: what a larger young generation
// (`--max-semi-space-size`) does to the bare proxy and to the gateway as users run it, apples to
// apples: four servers (bare and gateway, each with node's default flags and with BENCH_NODE_FLAGS,
// default "--max-semi-space-size=64"), the same wrk load in alternating rounds, and per round each
// one's CPU µs per request (from /proc), GC pause µs per request and scavenges per 1,000 requests
// (bench/gateway/gc-meter.cjs, a PerformanceObserver on 'gc' entries), plus its young generation's
// size and RSS at the end. BENCH_SECONDS (3), BENCH_ROUNDS (6). Cores as in ratio.ts.
import { readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchGateway } from './bench-config.js';
import { cpuSecondsExact, type Started, start, stop } from './processes.js';
import { runWrk } from './wrk.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 6);
const flags = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=64').split(' ').filter(Boolean);

interface Gc {
  minorMs: number;
  minor: number;
  majorMs: number;
  major: number;
  otherMs: number;
  other: number;
  newSpaceBytes: number;
  rssBytes: number;
}
interface Target {
  label: string;
  server: Started;
  key: string;
  file: string;
}
interface Round {
  cpu: number;
  gc: number;
  scavenges: number;
  rps: number;
}

const readGc = async (t: Target): Promise<Gc> => {
  rmSync(t.file, { force: true });
  process.kill(t.server.pid, 'SIGUSR2');
  for (let i = 0; i < 200; i++) {
    try {
      return JSON.parse(readFileSync(t.file, 'utf8')) as Gc;
    } catch {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  throw new Error(`no GC figures from ${t.label}`);
};

const started: Started[] = [];
try {
  const upstream = await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: 1 });
  started.push(upstream);
  const config = { gateway: benchGateway(upstream.url, { cache: { enabled: false } }) };
  const targets: Target[] = [];
  for (const [name, extra] of [
    ['bare proxy', []],
    [`bare proxy ${flags.join(' ')}`, flags],
    ['gateway as users run it', []],
    [`gateway ${flags.join(' ')}`, flags],
  ] as [string, string[]][]) {
    const file = join(tmpdir(), `gantry-gc-${process.pid}-${targets.length}.json`);
    const script = name.startsWith('bare')
      ? ['bench/gateway/bare-proxy.ts', upstream.url]
      : ['bench/gateway/gateway-server.ts'];
    const server = await start(
      [...extra, '--require', './bench/gateway/gc-meter.cjs', 'bin/run-ts.js', ...script],
      {
        core: 0,
        env: { GC_METER_FILE: file, GANTRY_BENCH_CONFIG: JSON.stringify(config) },
      },
    );
    started.push(server);
    targets.push({ label: name, server, key: / key (\S+)/.exec(server.line)?.[1] ?? '', file });
  }
  const measure = async (t: Target, length: number): Promise<Round> => {
    const gc0 = await readGc(t);
    const cpu0 = cpuSecondsExact(t.server.pid);
    const r = await runWrk({
      label: t.label,
      url: t.server.url,
      connections: 32,
      seconds: length,
      env: { BENCH_KEY: t.key },
      core: 1,
    });
    const cpu = cpuSecondsExact(t.server.pid) - cpu0;
    const gc1 = await readGc(t);
    const n = Math.max(1, r.requests);
    const pauses = gc1.minorMs + gc1.majorMs + gc1.otherMs - (gc0.minorMs + gc0.majorMs + gc0.otherMs);
    return {
      cpu: (cpu * 1e6) / n,
      gc: (pauses * 1e3) / n,
      scavenges: ((gc1.minor - gc0.minor) * 1e3) / n,
      rps: r.requestsPerSecond,
    };
  };
  for (const t of targets) await measure(t, 2);
  const results = new Map<string, Round[]>(targets.map((t) => [t.label, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) results.get(t.label)?.push(await measure(t, seconds));
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const out = (s: string) => process.stdout.write(s);
  out(
    `\n32 connections, ${rounds} alternating rounds of ${seconds} s; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n\n`,
  );
  out(
    '| server | median req/s | median CPU µs/req | median GC pause µs/req | scavenges per 1k req | young generation at end (MB) | RSS at end (MB) |\n|---|---|---|---|---|---|---|\n',
  );
  for (const t of targets) {
    const list = results.get(t.label) ?? [];
    const end = await readGc(t);
    out(
      `| ${t.label} | ${Math.round(median(list.map((r) => r.rps)))} | ${median(list.map((r) => r.cpu)).toFixed(1)} | ${median(list.map((r) => r.gc)).toFixed(2)} | ${median(list.map((r) => r.scavenges)).toFixed(2)} | ${(end.newSpaceBytes / 2 ** 20).toFixed(0)} | ${(end.rssBytes / 2 ** 20).toFixed(0)} |\n`,
    );
  }
  const ratio = (a: string, b: string) => {
    const x = results.get(a) ?? [];
    const y = results.get(b) ?? [];
    const cpu = x.map((r, i) => r.cpu / y[i].cpu);
    out(
      `${a} / ${b}: CPU per request ${median(cpu).toFixed(3)}x (median of per-round ratios: ${cpu.map((v) => v.toFixed(2)).join(', ')})\n`,
    );
  };
  const [bare, bareFlags, gw, gwFlags] = targets.map((t) => t.label);
  out('\n');
  ratio(gw, bare);
  ratio(gwFlags, bareFlags);
  ratio(bareFlags, bare);
  ratio(gwFlags, gw);
  for (const t of targets) rmSync(t.file, { force: true });
} finally {
  for (const s of started.reverse()) await stop(s);
}
