// POST /api/runs with `queue: true`: 202 with the run's id, run by a worker sharing the database;
// 501 JOBS_NOT_CONFIGURED without jobs.redisUrl.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/index.js';
import { configuredHandlers, createJobQueue, startJobWorker } from '../src/jobs/index.js';
import { createGantryServer, type GantryServer } from '../src/server/index.js';
import { agentRoutes } from '../src/server/routes/agent.js';
import { openSqliteStore, type Store } from '../src/store/index.js';
import { noopTracer } from '../src/trace/index.js';
import { type FakeBackend, startFakeOpenAI } from './agent-fake-openai.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

let backend: FakeBackend;
let redis: RedisServer;
let store: Store;
const servers: { server: GantryServer; close: () => Promise<void>; base: string }[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  backend = await startFakeOpenAI(() => ({ content: 'Queued and answered.' }));
  store = openSqliteStore({ path: ':memory:' });
});
afterAll(async () => {
  for (const { server, close } of servers) {
    await close();
    await server.close();
  }
  await store?.close();
  await backend?.close();
  await redis?.stop();
});

function configWith(jobs: Record<string, unknown>) {
  return parseConfig({
    database: { path: ':memory:' },
    server: { port: 0, host: '127.0.0.1' },
    providers: { fake: { type: 'openai-compatible', baseURL: backend.url } },
    agent: { model: 'fake:tiny' },
    jobs,
  });
}

async function serve(config: ReturnType<typeof configWith>) {
  const agent = agentRoutes({ config, store, tracer: noopTracer });
  const server = createGantryServer({ config, store, routes: agent.routes });
  const base = (await server.listen()).url;
  servers.push({ server, close: agent.close, base });
  return (body: unknown) =>
    fetch(`${base}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (response) => ({
      status: response.status,
      // biome-ignore lint/suspicious/noExplicitAny: JSON response bodies, read field by field in the tests.
      body: (await response.json()) as Record<string, any>,
    }));
}

describe('POST /api/runs with queue: true', () => {
  it('answers 501 JOBS_NOT_CONFIGURED without a queue', async () => {
    const post = await serve(configWith({}));
    const response = await post({ task: 'hi', queue: true });
    expect(response.status).toBe(501);
    expect(response.body.error.code).toBe('JOBS_NOT_CONFIGURED');
  });

  it('queues the run (202) and a worker on the same database runs it', { timeout: 60_000 }, async () => {
    const config = configWith({ redisUrl: redis.url, queue: 'api' });
    const post = await serve(config);
    const configured = configuredHandlers({ config, store });
    const worker = await startJobWorker({ redisUrl: redis.url, queue: 'api', handlers: configured.handlers });
    const queue = await createJobQueue({ redisUrl: redis.url, queue: 'api' });
    try {
      const response = await post({ task: 'Say something.', queue: true });
      expect(response.status).toBe(202);
      expect(response.body).toMatchObject({
        status: 'queued',
        links: { run: `/api/runs/${response.body.runId}` },
      });
      const status = await queue.wait(response.body.jobId, { timeoutMs: 30_000 });
      expect(status).toMatchObject({ state: 'completed', result: { text: 'Queued and answered.' } });
      expect((await store.agentRuns.getRun(response.body.runId))?.status).toBe('completed');
    } finally {
      await queue.close();
      await worker.close();
      await configured.close();
    }
  });
});
