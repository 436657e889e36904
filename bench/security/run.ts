// `npm run bench security`: an unauthenticated flood against a gateway with auth required. Each
// request carries a random 2 KB model name and a random 6 KB bearer token. Prints the process RSS
// and the size of /metrics before and after (the bound the security tests assert).
// Run the same file on an older checkout to compare: it uses only createGateway and node:http.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { parseConfig } from '../../src/config/index.js';
import { createGateway, createSimulator } from '../../src/gateway/index.js';
import { openSqliteStore } from '../../src/store/index.js';

const count = Number(process.argv[2] ?? 10_000);
const simulator = createSimulator({ outputTokens: 2 });
const simulatorUrl = await simulator.listen(0, '127.0.0.1');
const config = parseConfig({
  database: { path: ':memory:' },
  gateway: {
    auth: { required: true },
    upstreams: { sim: { baseURL: simulatorUrl } },
    routes: { chat: { targets: [{ upstream: 'sim' }] } },
  },
});
const store = openSqliteStore({ path: ':memory:' });
const gateway = await createGateway({ config, store, env: {} });
const server = createServer((req, res) => {
  if (!gateway.handle(req, res)) res.writeHead(404).end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function flood(n: number): Promise<Map<number, number>> {
  const pool = new Pool(url, { connections: 16 });
  const statuses = new Map<number, number>();
  let sent = 0;
  const worker = async () => {
    while (sent < n) {
      sent++;
      const { statusCode, body } = await pool.request({
        path: '/v1/chat/completions',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${randomBytes(4_500).toString('base64url')}`,
        },
        body: JSON.stringify({
          model: randomBytes(1_024).toString('hex'),
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
      await body.dump();
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  await pool.close();
  return statuses;
}

const metricsSize = async () => (await (await fetch(`${url}/metrics`)).text()).length;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

await flood(500);
const before = { rss: process.memoryUsage().rss, metrics: await metricsSize() };
const started = performance.now();
const statuses = await flood(count);
const seconds = (performance.now() - started) / 1000;
const after = { rss: process.memoryUsage().rss, metrics: await metricsSize() };
console.log(
  `requests: ${count} in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
);
console.log(`rss: ${mb(before.rss)} -> ${mb(after.rss)} (+${mb(after.rss - before.rss)})`);
console.log(`/metrics: ${before.metrics} -> ${after.metrics} bytes`);
server.closeAllConnections();
server.close();
await gateway.close();
await simulator.close();
await store.close();
