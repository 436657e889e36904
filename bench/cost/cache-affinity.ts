// Prefix-affinity routing against round-robin on four simulated replicas with an engine prefix cache
// (each holds ~4 tenants' system prompts; 16 tenants share the route). Reports the prefix-cache hit
// rate (blocks served from cache) and time to first token measured at the client (1 output token,
// so the answer's latency is its TTFT). `node bin/run-ts.js bench/cost/cache-affinity.ts`
import { parseConfig } from '../../src/config/index.js';
import { createGateway, createSimulator } from '../../src/gateway/index.js';
import { seededRandom } from '../../src/random/index.js';
import { openSqliteStore } from '../../src/store/index.js';

const tenants = 16;
const requests = Number(process.argv[2] ?? 320);
const concurrency = 8;
const systemPrompts = Array.from(
  { length: tenants },
  (_, t) => `Tenant ${t} instructions. `.repeat(150) + `(policy ${t})`,
);

async function run(strategy: 'round-robin' | 'prefix-affinity') {
  const simulators = Array.from({ length: 4 }, () =>
    createSimulator({
      timeToFirstTokenMs: 5,
      outputTokens: 1,
      prefixCache: { capacityBlocks: 200, blockCharacters: 64, prefillMsPerBlock: 0.5 },
    }),
  );
  const upstreams: Record<string, { baseURL: string }> = {};
  for (const [i, sim] of simulators.entries())
    upstreams[`r${i}`] = { baseURL: await sim.listen(0, '127.0.0.1') };
  const config = parseConfig({
    database: { path: ':memory:' },
    gateway: {
      upstreams,
      routes: {
        m: { strategy, targets: Object.keys(upstreams).map((upstream) => ({ upstream, model: 'm' })) },
      },
    },
  });
  const store = openSqliteStore({ path: ':memory:' });
  const gateway = await createGateway({ config, store, env: {} });
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => void gateway.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const random = seededRandom(3);
  const plan = Array.from({ length: requests }, (_, i) => ({ tenant: Math.floor(random() * tenants), i }));
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < plan.length) {
        const { tenant, i } = plan[next++];
        const started = performance.now();
        const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'm',
            messages: [
              { role: 'system', content: systemPrompts[tenant] },
              { role: 'user', content: `question ${i}` },
            ],
          }),
        });
        await response.text();
        latencies.push(performance.now() - started);
      }
    }),
  );
  let blocks = 0;
  let cached = 0;
  for (const sim of simulators) {
    blocks += sim.stats.prefixCache?.blocks ?? 0;
    cached += sim.stats.prefixCache?.cachedBlocks ?? 0;
  }
  server.close();
  await gateway.close();
  await Promise.all(simulators.map((s) => s.close()));
  await store.close();
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
  return { strategy, hitRate: cached / blocks, p50: at(0.5), p95: at(0.95) };
}

console.log(
  `${requests} requests, ${tenants} tenants (system prompt ~3,400 characters), 4 replicas, concurrency ${concurrency}`,
);
console.log('| strategy | prefix-cache hit rate (blocks) | TTFT p50 ms | TTFT p95 ms |\n|---|---|---|---|');
for (const strategy of ['round-robin', 'prefix-affinity'] as const) {
  const r = await run(strategy);
  console.log(`| ${r.strategy} | ${(r.hitRate * 100).toFixed(1)} % | ${r.p50} | ${r.p95} |`);
}
