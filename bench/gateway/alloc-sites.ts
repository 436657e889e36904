// `node bin/run-ts.js bench/gateway/alloc-sites.ts`: bytes allocated per request, by allocation site,
// for the bare proxy and the gateway as users run it (ratio.ts's configuration), one after the other
// under the same wrk load (32 connections; proxies on core 0, wrk and the upstream on core 1). V8's
// sampling heap profiler (bench/gateway/heap-sampler.cjs) runs over S seconds (5) of load after WARM
// seconds (5) of warm-up, with the objects that scavenges and mark-compacts freed kept, so the sum is
// what was allocated. TOP=<n> sites per server (25). BASE_DIR=<a checkout of another commit> adds that
// commit's gateway as `base`; WHICH=bare,gw,base picks the servers. CLOCKS=1 counts Date.now() and
// performance.now() calls per request instead (bench/gateway/clock-counter.cjs).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchGateway } from './bench-config.js';
import { start, stop } from './processes.js';
import { runWrk } from './wrk.js';

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

const clocks = process.env.CLOCKS === '1';
const seconds = Number(process.env.S ?? 5);
const top = Number(process.env.TOP ?? 25);
const which = (process.env.WHICH ?? (process.env.BASE_DIR ? 'bare,gw,base' : 'bare,gw')).split(',');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const preload = clocks ? 'bench/gateway/clock-counter.cjs' : 'bench/gateway/heap-sampler.cjs';

const upstream = await start(['bin/run-ts.js', 'bench/gateway/fake-upstream.ts'], { core: 1 });
const config = { gateway: benchGateway(upstream.url, { cache: { enabled: false } }) };
try {
  for (const name of which) {
    const out = join(tmpdir(), `gantry-${clocks ? 'clocks' : 'heap'}-${name}-${process.pid}.json`);
    rmSync(out, { force: true });
    const cwd = name === 'base' ? process.env.BASE_DIR : undefined;
    const env = { HEAP_OUT: out, CLOCK_OUT: out, GANTRY_BENCH_CONFIG: JSON.stringify(config) };
    const script =
      name === 'bare' ? ['bench/gateway/bare-proxy.ts', upstream.url] : ['bench/gateway/gateway-server.ts'];
    const server = await start(['--require', join(process.cwd(), preload), 'bin/run-ts.js', ...script], {
      core: 0,
      cwd,
      env,
    });
    const key = / key (\S+)/.exec(server.line)?.[1] ?? '';
    const load = { label: name, url: server.url, connections: 32, env: { BENCH_KEY: key }, core: 1 };
    await runWrk({ ...load, seconds: Number(process.env.WARM ?? 5) });
    const readOut = async () => {
      for (let i = 0; i < 100 && !existsSync(out); i++) await sleep(50);
      await sleep(200);
      return JSON.parse(readFileSync(out, 'utf8'));
    };
    process.kill(server.pid, 'SIGUSR2');
    const before = clocks ? await readOut() : undefined;
    if (clocks) rmSync(out);
    const r = await runWrk({ ...load, seconds });
    process.kill(server.pid, 'SIGUSR2');
    const after = await readOut();
    if (clocks) {
      const per = (k: string) => ((after[k] - before[k]) / r.requests).toFixed(2);
      process.stdout.write(
        `${name}: ${r.requests} requests; per request Date.now() ${per('dateNow')}, performance.now() ${per('performanceNow')}\n`,
      );
    } else {
      const bySite = new Map<string, number>();
      let total = 0;
      const walk = (node: HeapNode) => {
        total += node.selfSize;
        const f = node.callFrame;
        const site = `${f.functionName || '(anonymous)'} ${f.url.replace(/.*\/(src|node_modules|bench)\//, '$1/')}:${f.lineNumber + 1}`;
        bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
        for (const child of node.children) walk(child);
      };
      walk(after.head as HeapNode);
      process.stdout.write(
        `\n${name}: ${r.requests} requests, ${Math.round(r.requestsPerSecond)} req/s (sampling on); allocated ${(total / r.requests).toFixed(0)} B/request\n`,
      );
      for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top))
        process.stdout.write(`  ${(bytes / r.requests).toFixed(0).padStart(6)} B  ${site}\n`);
    }
    rmSync(out, { force: true });
    await stop(server);
  }
} finally {
  await stop(upstream);
}
