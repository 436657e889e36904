// Property-based tests over every route (issue 12): whatever a client sends (method, path parameters,
// media type, credentials, body shape and nesting) the server answers with a JSON error of a known code
// and a 4xx status, never a 5xx or a stack trace; nothing on /api succeeds without a valid key; and the
// server keeps serving afterwards.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../src/errors/index.js';
import { call, type Platform, startPlatform } from './security-harness.js';

let platform: Platform;
let everything: string;
let gatewayOnly: string;

beforeAll(async () => {
  platform = await startPlatform({ security: { requireAuth: true } });
  everything = await platform.key({ scopes: ['gateway', 'agents', 'rag', 'memory', 'eval'], tenant: 'acme' });
  gatewayOnly = await platform.key({ scopes: ['gateway'], tenant: 'acme' });
});
afterAll(() => platform.close());

const routes: { method: string; path: (param: string) => string }[] = [
  { method: 'POST', path: () => '/v1/chat/completions' },
  { method: 'POST', path: () => '/v1/completions' },
  { method: 'POST', path: () => '/v1/embeddings' },
  { method: 'GET', path: () => '/v1/models' },
  { method: 'POST', path: () => '/api/runs' },
  { method: 'GET', path: () => '/api/runs' },
  { method: 'GET', path: (p) => `/api/runs/${p}` },
  { method: 'POST', path: (p) => `/api/runs/${p}/resume` },
  { method: 'GET', path: () => '/api/approvals' },
  { method: 'POST', path: (p) => `/api/approvals/${p}/approve` },
  { method: 'POST', path: (p) => `/api/approvals/${p}/reject` },
  { method: 'GET', path: () => '/api/rag/collections' },
  { method: 'POST', path: (p) => `/api/rag/collections/${p}/ingest` },
  { method: 'POST', path: (p) => `/api/rag/collections/${p}/search` },
  { method: 'POST', path: (p) => `/api/rag/collections/${p}/ask` },
  { method: 'POST', path: (p) => `/api/memory/users/${p}/ingest` },
  { method: 'POST', path: (p) => `/api/memory/users/${p}/recall` },
  { method: 'POST', path: (p) => `/api/memory/users/${p}/forget` },
  { method: 'DELETE', path: (p) => `/api/memory/users/${p}` },
  { method: 'GET', path: (p) => `/api/memory/users/${p}/profile` },
  { method: 'PATCH', path: (p) => `/api/memory/users/${p}/profile` },
  { method: 'GET', path: () => '/admin/keys' },
  { method: 'POST', path: () => '/admin/keys' },
];

const hostileNames = fc.constantFrom('constructor', '__proto__', 'valueOf', 'toString', 'hasOwnProperty', '');
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  hostileNames,
  fc.string({ minLength: 500, maxLength: 3_000 }),
);
const nested = fc.integer({ min: 1, max: 5_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        model: text,
        task: text,
        messages: fc.array(fc.record({ role: text, content: text }), { maxLength: 3 }),
        query: text,
        limit: fc.oneof(fc.integer(), fc.double(), text),
        documents: fc.array(fc.record({ source: text, text }), { maxLength: 2 }),
        by: text,
        wait: fc.boolean(),
        tools: fc.array(fc.oneof(text, fc.constantFrom('file_read', 'web_fetch', 'mcp:x')), { maxLength: 3 }),
        sessions: fc.array(
          fc.record(
            {
              id: text,
              date: fc.oneof(text, fc.integer()),
              turns: fc.array(fc.record({ text, role: text }), { maxLength: 3 }),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 3 },
        ),
        ids: fc.array(text, { maxLength: 3 }),
        changes: fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
        k: fc.oneof(fc.integer(), fc.double(), text),
        kinds: fc.array(text, { maxLength: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  nested.map((n) => `{"model":"chat","messages":[{"role":"user","content":"\\u00e9","x":${n}}]}`),
  fc.string({ maxLength: 200 }),
  fc.constant(''),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'text/plain; x=application/json',
  'application/x-www-form-urlencoded',
  'application/json; boundary=x',
  undefined,
);
const credential = fc.constantFrom('none', 'garbage', 'long', 'gateway-only', 'valid');
const param = fc.oneof(
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  hostileNames,
  fc.constant('run_missing'),
);
const query = fc.constantFrom(
  '',
  '?limit=1.5',
  '?limit=-1',
  '?limit=abc',
  '?status=nope',
  '?limit=3',
  '?runId=x',
  '?thread=t',
);

function secret(kind: string): string | undefined {
  if (kind === 'garbage') return 'gk-not-a-real-key';
  if (kind === 'long') return 'x'.repeat(5_000);
  if (kind === 'gateway-only') return gatewayOnly;
  if (kind === 'valid') return everything;
  return undefined;
}

describe('every route under random input', () => {
  it('answers 2xx or a known 4xx JSON error; never 5xx, never a stack; /api needs a valid key', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: routes.length - 1 }),
        param,
        query,
        body,
        contentType,
        credential,
        async (index, p, q, payload, type, kind) => {
          const route = routes[index];
          const path = route.path(p) + (route.method === 'GET' ? q : '');
          const key = secret(kind);
          const response = await fetch(`${platform.url}${path}`, {
            method: route.method,
            headers: {
              ...(type ? { 'content-type': type } : {}),
              ...(key ? { authorization: `Bearer ${key}` } : {}),
            },
            body: route.method === 'GET' ? undefined : payload,
          });
          const answer = await response.text();
          expect(response.status, `${route.method} ${path} → ${answer.slice(0, 300)}`).toBeLessThan(500);
          if (path.startsWith('/api/') && kind !== 'valid')
            expect(response.status).toBeGreaterThanOrEqual(400);
          if (response.status >= 400) {
            const { error } = JSON.parse(answer) as { error: { code: string; message: string } };
            expect(Object.keys(errorCatalogue)).toContain(error.code);
            expect(error.message).not.toMatch(/\n\s+at |RangeError|TypeError|SQLITE/);
          }
        },
      ),
      { numRuns: 400, seed: 12 },
    );
    // Still serving.
    expect((await call(platform.url, 'GET', '/healthz')).status).toBe(200);
    expect((await call(platform.url, 'GET', '/api/runs', { key: everything })).status).toBe(200);
  }, 240_000);
});
