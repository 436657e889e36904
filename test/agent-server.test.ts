import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/index.js';
import { createGantryServer, type GantryServer } from '../src/server/index.js';
import { agentRoutes } from '../src/server/routes/agent.js';
import { openSqliteStore, type Store } from '../src/store/index.js';
import { noopTracer } from '../src/trace/index.js';
import { type FakeBackend, startFakeOpenAI } from './agent-fake-openai.js';

const folder = mkdtempSync(join(tmpdir(), 'gantry-agent-server-'));
writeFileSync(join(folder, 'notes.txt'), 'hello from the notes');
let backend: FakeBackend;
let server: GantryServer;
let store: Store;
let base: string;
let closeRoutes: () => Promise<void>;

beforeAll(async () => {
  backend = await startFakeOpenAI((request) =>
    request.messages.some((m) => m.role === 'tool')
      ? { content: 'The notes say hello.' }
      : { toolCalls: [{ id: 'call_read', name: 'file_read', arguments: '{"path": "notes.txt"}' }] },
  );
  const config = parseConfig({
    database: { path: ':memory:' },
    server: { port: 0, host: '127.0.0.1' },
    providers: { fake: { type: 'openai-compatible', baseURL: backend.url } },
    agent: { model: 'fake:tiny', requireApproval: ['file_read'], tools: { fileRead: { root: folder } } },
  });
  store = openSqliteStore({ path: ':memory:' });
  const agent = agentRoutes({ config, store, tracer: noopTracer });
  closeRoutes = agent.close;
  server = createGantryServer({ config, store, routes: agent.routes });
  base = (await server.listen()).url;
});
afterAll(async () => {
  await closeRoutes();
  await server.close();
  await store.close();
  await backend.close();
  rmSync(folder, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: JSON response bodies, read field by field in the tests.
type Json = Record<string, any>;

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

describe('agent HTTP API', () => {
  it('starts a run that pauses for approval, approves it (twice), resumes it to the answer', async () => {
    const started = await call('POST', '/api/runs', {
      task: 'What do my notes say?',
      tools: ['file_read'],
      wait: true,
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ stopReason: 'awaiting-approval' });
    const { runId } = started.body;
    const approvalId = started.body.pendingApprovals[0].approvalId;

    const pending = await call('GET', '/api/approvals');
    expect(pending.body.data.map((a: { id: string }) => a.id)).toContain(approvalId);
    // The approver is the authenticated principal (here the keyless local user), never a body field.
    expect((await call('POST', `/api/approvals/${approvalId}/approve`, { by: 'alice' })).status).toBe(400);
    expect((await call('POST', `/api/approvals/${approvalId}/approve`, {})).body).toMatchObject({
      status: 'approved',
      decidedBy: 'local',
    });
    expect((await call('POST', `/api/approvals/${approvalId}/approve`, {})).status).toBe(200);
    expect((await call('POST', `/api/approvals/${approvalId}/reject`, { reason: 'late' })).status).toBe(409);

    const resumed = await call('POST', `/api/runs/${runId}/resume`, { wait: true });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ stopReason: 'final-answer', text: 'The notes say hello.' });
    // The file content reached the model through the approved call.
    expect(JSON.stringify(backend.requests.at(-1)!.messages)).toContain('hello from the notes');

    const run = await call('GET', `/api/runs/${runId}`);
    expect(run.body).toMatchObject({ status: 'completed', stopReason: 'final-answer' });
    expect(run.body.messages.length).toBe(4);
    expect((await call('GET', '/api/runs')).body.data[0].id).toBe(runId);
    expect((await call('POST', `/api/runs/${runId}/resume`, {})).status).toBe(409);
  });

  it('starts a run in the background (202) and serves it when done', async () => {
    const started = await call('POST', '/api/runs', { task: 'x', tools: [] });
    expect(started.status).toBe(202);
    let run: Json = {};
    for (let i = 0; i < 100 && run.status !== 'completed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      run = (await call('GET', `/api/runs/${started.body.runId}`)).body;
    }
    expect(run.status).toBe('completed');
  });

  it('streams a run as server-sent events', async () => {
    const response = await fetch(`${base}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ task: 'Just answer.', tools: [], stream: true }),
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const text = await response.text();
    const events = [...text.matchAll(/^event: (.+)\ndata: (.+)$/gm)].map((m) => ({
      type: m[1],
      data: JSON.parse(m[2]),
    }));
    expect(events[0].type).toBe('run-start');
    expect(events.map((e) => e.type)).toContain('text-delta');
    expect(events.at(-1)).toMatchObject({
      type: 'run-end',
      data: { result: { stopReason: 'final-answer' } },
    });
  });

  it('answers bad input with clear 4xx errors', async () => {
    const bad = await call('POST', '/api/runs', { task: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('REQUEST_INVALID');
    expect((await call('POST', '/api/runs', { task: 'x', tools: ['nope'] })).status).toBe(400);
    expect((await call('GET', '/api/runs/run_missing')).status).toBe(404);
    expect((await call('POST', '/api/approvals/apr_missing/approve', {})).status).toBe(404);
    // An empty POST (what a cross-site form or beacon can send) is refused before anything is decided.
    expect((await call('POST', '/api/approvals/apr_missing/approve')).status).toBe(415);
  });
});
