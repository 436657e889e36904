// A whole `gantry serve` (gateway, agent and RAG routes, the auth layer) on 127.0.0.1 for the
// security tests, with a fake OpenAI backend for agents and the simulator for the gateway.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GantryConfigInput, parseConfig } from '../src/config/index.js';
import { createGantryServer, type GantryServer } from '../src/server/index.js';
import { assembleServerParts } from '../src/server/server-parts.js';
import { openSqliteStore, type SqliteStore } from '../src/store/index.js';
import { noopTracer, type Tracer } from '../src/trace/index.js';
import { type FakeBackend, startFakeOpenAI } from './agent-fake-openai.js';
import { startSimulator } from './gateway-harness.js';

export interface Platform {
  url: string;
  store: SqliteStore;
  server: GantryServer;
  backend: FakeBackend;
  /** Creates a key through the admin API's service; returns the secret. */
  key(options: { scopes: string[]; tenant?: string; name?: string; models?: string[] }): Promise<string>;
  close(): Promise<void>;
}

export const adminKey = 'admin-secret-for-tests-0123456789';

export async function startPlatform(
  input: Omit<GantryConfigInput, 'database'> = {},
  { tracer = noopTracer }: { tracer?: Tracer } = {},
): Promise<Platform> {
  const folder = mkdtempSync(join(tmpdir(), 'gantry-security-'));
  writeFileSync(join(folder, 'notes.txt'), 'hello from the notes');
  const backend = await startFakeOpenAI((request) =>
    request.messages.some((m) => m.role === 'tool')
      ? { content: 'The notes say hello.' }
      : { toolCalls: [{ id: 'call_read', name: 'file_read', arguments: '{"path": "notes.txt"}' }] },
  );
  const simulator = await startSimulator({ outputTokens: 3 });
  const config = parseConfig({
    ...input,
    database: { path: ':memory:' },
    server: { port: 0, host: '127.0.0.1', ...input.server },
    providers: { fake: { type: 'openai-compatible', baseURL: backend.url }, ...input.providers },
    agent: {
      model: 'fake:tiny',
      requireApproval: ['file_read'],
      tools: { fileRead: { root: folder } },
      ...input.agent,
    },
    rag: { embedder: 'none', ...input.rag },
    gateway: {
      upstreams: { sim: { baseURL: simulator.baseURL } },
      routes: { chat: { targets: [{ upstream: 'sim' }] }, other: { targets: [{ upstream: 'sim' }] } },
      ...input.gateway,
      auth: { adminKey, ...input.gateway?.auth },
    },
  });
  const store = openSqliteStore({ path: ':memory:' });
  const parts = await assembleServerParts({ config, store, tracer });
  const server = createGantryServer({
    config,
    store,
    routes: parts.routes,
    mounts: parts.mounts,
    keys: parts.keys,
    onClose: async () => {
      for (const close of parts.close) await close();
    },
  });
  const { url } = await server.listen();
  return {
    url,
    store,
    server,
    backend,
    async key({ scopes, tenant, name = 'test', models }) {
      const created = await parts.keys.create({ name, scopes, tenant, models: models ?? null });
      return created.key;
    },
    async close() {
      await server.close();
      await store.close();
      await backend.close();
      await simulator.close();
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: JSON response bodies, read field by field in the tests.
export type Json = Record<string, any>;

export async function call(
  url: string,
  method: string,
  path: string,
  { body, key, headers = {} }: { body?: unknown; key?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Json = {};
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed };
}
