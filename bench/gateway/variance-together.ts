// `node bin/run-ts.js bench/gateway/variance-together.ts`: is a slow gateway process slow for the whole
// of its life, or is the spread between runs the time at which each was measured? Starts the fake
// upstream, the bare proxy and PROCESSES (default 3) fresh gateway processes (each as ratio.ts starts it,
// gateway-server.ts, the configuration as users run it), all alive at once; warms each up WARM s
// (default 15), then measures ROUNDS (default 8) rounds of S s (default 4) in which every server gets one
// window, in an order rotated each round. A process effect shows as one gateway's column above the
// others in every round; time-of-run noise as rows that move together. Proxies on core 0, upstream and
// wrk on core 1, as ratio.ts.
import { loadavg } from 'node:os';
import { benchGateway } from './bench-config.js';
import { cpuSecondsExact, type Started, start, stop } from './processes.js';
import { runWrk } from './wrk.js';

const processes = Number(process.env.PROCESSES ?? 3);
const warm = Number(process.env.WARM ?? 15);
const rounds = Number(process.env.ROUNDS ?? 8);
const seconds = Number(process.env.S ?? 4);

const median = (list: readonly number[]) => {
  const s = [...list].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const started: Started[] = [];
const out = (s: string) => process.stdout.write(s);
try {
  const upstream = await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: 1 });
  started.push(upstream);
  const config = { gateway: benchGateway(upstream.url, { cache: { enabled: false } }) };
  const targets: { label: string; server: Started; key: string }[] = [];
  const bare = await start(['bin/run-ts.js', 'bench/gateway/bare-proxy.ts', upstream.url], { core: 0 });
  started.push(bare);
  targets.push({ label: 'bare', server: bare, key: '' });
  for (let p = 1; p <= processes; p++) {
    const gw = await start(['bin/run-ts.js', 'bench/gateway/gateway-server.ts'], {
      core: 0,
      env: { GANTRY_BENCH_CONFIG: JSON.stringify(config) },
    });
    started.push(gw);
    targets.push({ label: `gw ${p}`, server: gw, key: / key (\S+)/.exec(gw.line)?.[1] ?? '' });
  }
  const measure = async (t: (typeof targets)[number], length: number) => {
    const before = cpuSecondsExact(t.server.pid);
    const r = await runWrk({
      label: t.label,
      url: t.server.url,
      connections: 32,
      seconds: length,
      env: { BENCH_KEY: t.key },
      core: 1,
    });
    if (r.errors > 0) throw new Error(`${t.label}: ${r.errors} errors`);
    return ((cpuSecondsExact(t.server.pid) - before) * 1e6) / r.requests;
  };
  out(
    `load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  for (const t of targets) await measure(t, warm);
  const results = targets.map(() => [] as number[]);
  out(`| round | ${targets.map((t) => t.label).join(' | ')} |\n|---|${targets.map(() => '---|').join('')}\n`);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < targets.length; i++) {
      const k = (i + round) % targets.length;
      results[k].push(await measure(targets[k], seconds));
    }
    out(`| ${round + 1} | ${results.map((list) => list[round].toFixed(1)).join(' | ')} |\n`);
  }
  out(`| median | ${results.map((list) => median(list).toFixed(1)).join(' | ')} |\n`);
  out(
    `| median ÷ bare per round | ${results.map((list) => median(list.map((v, r) => v / results[0][r])).toFixed(3)).join(' | ')} |\n`,
  );
  out(
    `load average at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
} finally {
  for (const s of started.reverse()) await stop(s);
}
