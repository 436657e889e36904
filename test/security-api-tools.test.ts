// What an /api agent run may use: tools from security.apiTools, narrowed per tenant, and models
// from the key's `models` list. A request narrows them, never widens them: anything else is a 403
// before the run exists, the model is called or an MCP server is started.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Platform, startPlatform } from './security-harness.js';

let platform: Platform;
let acme: string;
let locked: string;
let tinyOnly: string;
let otherModelOnly: string;

beforeAll(async () => {
  platform = await startPlatform({
    security: {
      requireAuth: true,
      apiTools: ['calculator', 'file_read'],
      tenants: { locked: { tools: ['calculator', 'web_fetch'] } },
    },
    // A configured MCP server that is not in apiTools: refused before anything is spawned.
    agent: { mcpServers: [{ name: 'shell', command: '/nonexistent/mcp-shell' }] },
  });
  acme = await platform.key({ scopes: ['agents'], tenant: 'acme', name: 'acme' });
  locked = await platform.key({ scopes: ['agents'], tenant: 'locked', name: 'locked' });
  tinyOnly = await platform.key({ scopes: ['agents'], tenant: 'acme', models: ['fake:tiny'] });
  otherModelOnly = await platform.key({ scopes: ['agents'], tenant: 'acme', models: ['fake:big'] });
});
afterAll(() => platform.close());

const start = (key: string, body: Record<string, unknown>) =>
  call(platform.url, 'POST', '/api/runs', { key, body: { task: 'Read my notes', wait: true, ...body } });

describe('tools of /api agent runs', () => {
  it('refuses tools outside security.apiTools with 403 AUTH_TOOL_FORBIDDEN, before running anything', async () => {
    const before = platform.backend.requests.length;
    const runsBefore = (await platform.store.agentRuns.listRuns()).length;
    for (const tools of [['web_fetch'], ['mcp:shell'], ['calculator', 'web_fetch']]) {
      const refused = await start(acme, { tools });
      expect(refused.status, tools.join()).toBe(403);
      expect(refused.body.error.code).toBe('AUTH_TOOL_FORBIDDEN');
      expect(refused.body.error.message).toContain(tools.at(-1));
      expect(refused.body.error.message).toContain('calculator, file_read');
    }
    expect(platform.backend.requests.length).toBe(before);
    expect((await platform.store.agentRuns.listRuns()).length).toBe(runsBefore);
    // An unknown name stays a 400 that lists the known tools.
    const unknown = await start(acme, { tools: ['nope'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('AGENT_TOOL_UNKNOWN');
  });

  it('lets a request narrow the list (or use no tools)', async () => {
    const narrowed = await start(acme, { tools: ['file_read'] });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.stopReason).toBe('awaiting-approval');
    const none = await start(acme, { tools: [] });
    expect(none.status).toBe(200);
  });

  it('narrows per tenant: security.tenants.<tenant>.tools never widens apiTools', async () => {
    const refused = await start(locked, { tools: ['file_read'] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('AUTH_TOOL_FORBIDDEN');
    // web_fetch is in the tenant's list but not in apiTools: still refused; calculator is in both.
    expect((await start(locked, { tools: ['web_fetch'] })).status).toBe(403);
    expect((await start(locked, { tools: ['calculator'] })).status).toBe(200);
  });
});

describe('models of /api agent runs', () => {
  it('keeps a key to its models list, for new runs and resumes', async () => {
    expect((await start(tinyOnly, { tools: [] })).status).toBe(200);
    expect((await start(tinyOnly, { tools: [], model: 'fake:tiny' })).status).toBe(200);
    const other = await start(tinyOnly, { tools: [], model: 'fake:big' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('GATEWAY_MODEL_FORBIDDEN');
    // The configured default model (fake:tiny) is not in this key's list.
    expect((await start(otherModelOnly, { tools: [] })).status).toBe(403);

    // A run paused by one key of the tenant cannot be resumed on its model by a key without it.
    const paused = await start(acme, { tools: ['file_read'] });
    expect(paused.body.stopReason).toBe('awaiting-approval');
    const resumed = await call(platform.url, 'POST', `/api/runs/${paused.body.runId}/resume`, {
      key: otherModelOnly,
      body: {},
    });
    expect(resumed.status).toBe(403);
    expect(resumed.body.error.code).toBe('GATEWAY_MODEL_FORBIDDEN');
  });
});
