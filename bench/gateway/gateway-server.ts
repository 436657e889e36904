// The gateway as `gantry serve` runs it (the real server and its gateway mount), every feature on:
// auth with a stored key, per-key limits, a two-target route, metrics, usage logging, and a span per
// request written to SQLite when the configuration's tracing is on (its default, as in `gantry
// serve`). The bench passes the configuration in GANTRY_BENCH_CONFIG; this prints the URL and the key.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/index.js';
import { createGateway } from '../../src/gateway/index.js';
import { createGantryServer } from '../../src/server/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { createConfiguredTracer } from '../../src/trace/index.js';

const folder = mkdtempSync(join(tmpdir(), 'gantry-bench-'));
const config = parseConfig({
  ...JSON.parse(process.env.GANTRY_BENCH_CONFIG ?? '{}'),
  database: { path: join(folder, 'bench.db') },
  server: { port: 0 },
});
const store = openSqliteStore({ path: config.database.path });
const tracer = createConfiguredTracer(config, store);
const gateway = await createGateway({ config, store, tracer });
const { key } = await gateway.keys.create({
  name: 'bench',
  limits: { requestsPerMinute: 1e9, tokensPerMinute: 1e12, concurrentRequests: 100_000, dailyBudgetUsd: 1e9 },
});
const handle = gateway.handle.bind(gateway);
const server = createGantryServer({
  config,
  store,
  mounts: [
    { prefix: '/v1/', handle },
    { prefix: '/metrics', handle },
  ],
  routes: [
    {
      method: 'GET',
      path: '/bench/memory',
      handler: (_req, res) => {
        res.end(JSON.stringify(process.memoryUsage()));
      },
    },
    {
      method: 'POST',
      path: '/bench/gc',
      handler: (_req, res) => {
        (globalThis as { gc?: () => void }).gc?.();
        res.end(JSON.stringify(process.memoryUsage()));
      },
    },
  ],
});
const { url } = await server.listen();
process.stdout.write(`listening ${url} key ${key}\n`);
process.on('SIGTERM', async () => {
  await server.close();
  await gateway.close();
  await tracer.close();
  await store.close();
  process.exit(0);
});
