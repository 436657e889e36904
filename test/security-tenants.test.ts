// The platform API's authentication and tenant isolation (issue 12, High 1): every /api route needs a
// key with the route's scope when auth is required; runs, approvals and collections of one tenant are
// invisible to another; the approver is the authenticated principal, never a header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKey, call, type Platform, startPlatform } from './security-harness.js';

let platform: Platform;
let alice: string; // tenant acme, agents + rag
let bob: string; // tenant globex, agents + rag
let gatewayOnly: string; // tenant acme, gateway
let aliceKeyId: string;

beforeAll(async () => {
  platform = await startPlatform({ security: { requireAuth: true } });
  alice = await platform.key({ scopes: ['agents', 'rag'], tenant: 'acme', name: 'alice' });
  bob = await platform.key({ scopes: ['agents', 'rag'], tenant: 'globex', name: 'bob' });
  gatewayOnly = await platform.key({ scopes: ['gateway'], tenant: 'acme' });
  aliceKeyId = (await platform.store.gatewayKeys.listKeys()).find((k) => k.name === 'alice')!.id;
});
afterAll(() => platform.close());

const api = (method: string, path: string, key?: string, body?: unknown, headers?: Record<string, string>) =>
  call(platform.url, method, path, { key, body, headers });

describe('platform API authentication', () => {
  it('refuses keyless and unknown-key requests before doing anything', async () => {
    const before = platform.backend.requests.length;
    const keyless = await api('POST', '/api/runs', undefined, { task: 'x', tools: ['file_read'] });
    expect(keyless.status).toBe(401);
    expect(keyless.body.error.code).toBe('AUTH_REQUIRED');
    expect((await api('POST', '/api/runs', 'gk-not-a-key', { task: 'x' })).status).toBe(401);
    expect((await api('GET', '/api/runs')).status).toBe(401);
    expect((await api('GET', '/api/approvals')).status).toBe(401);
    expect((await api('GET', '/api/rag/collections')).status).toBe(401);
    expect((await api('POST', '/api/rag/collections/docs/ingest', undefined, { documents: [] })).status).toBe(
      401,
    );
    // Nothing reached the model, nothing was stored.
    expect(platform.backend.requests.length).toBe(before);
    expect(await platform.store.agentRuns.listRuns()).toEqual([]);
  });

  it('checks the scope of each route', async () => {
    const denied = await api('GET', '/api/runs', gatewayOnly);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('AUTH_SCOPE_FORBIDDEN');
    expect((await api('GET', '/api/rag/collections', gatewayOnly)).status).toBe(403);
    // A lowercase 'bearer' scheme is accepted (RFC 9110: the scheme is case-insensitive).
    const lower = await fetch(`${platform.url}/api/runs`, { headers: { authorization: `bearer ${alice}` } });
    expect(lower.status).toBe(200);
  });
});

describe('tenant isolation', () => {
  it('keeps runs and approvals to their tenant; the approver is the key, not a header', async () => {
    const started = await api('POST', '/api/runs', alice, {
      task: 'Read my notes',
      tools: ['file_read'],
      wait: true,
    });
    expect(started.status).toBe(200);
    expect(started.body.stopReason).toBe('awaiting-approval');
    const { runId } = started.body;
    const approvalId = started.body.pendingApprovals[0].approvalId;

    // Bob sees none of it.
    expect((await api('GET', '/api/runs', bob)).body.data).toEqual([]);
    expect((await api('GET', `/api/runs/${runId}`, bob)).status).toBe(404);
    expect((await api('GET', '/api/approvals', bob)).body.data).toEqual([]);
    expect((await api('GET', `/api/approvals?runId=${runId}`, bob)).body.data).toEqual([]);
    expect((await api('POST', `/api/approvals/${approvalId}/approve`, bob, {})).status).toBe(404);
    expect((await api('POST', `/api/approvals/${approvalId}/reject`, bob, {})).status).toBe(404);
    expect((await api('POST', `/api/runs/${runId}/resume`, bob, {})).status).toBe(404);
    expect((await platform.store.agentApprovals.getApproval(approvalId))?.status).toBe('pending');

    // Alice sees her run and approval.
    expect((await api('GET', '/api/runs', alice)).body.data.map((r: { id: string }) => r.id)).toEqual([
      runId,
    ]);
    expect((await api('GET', '/api/approvals', alice)).body.data.map((a: { id: string }) => a.id)).toEqual([
      approvalId,
    ]);
    // A spoofed x-gantry-user header and a 'by' field do not choose the approver.
    expect((await api('POST', `/api/approvals/${approvalId}/approve`, alice, { by: 'mallory' })).status).toBe(
      400,
    );
    const approved = await api(
      'POST',
      `/api/approvals/${approvalId}/approve`,
      alice,
      {},
      { 'x-gantry-user': 'mallory' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.decidedBy).toBe(aliceKeyId);
    const resumed = await api('POST', `/api/runs/${runId}/resume`, alice, { wait: true });
    expect(resumed.body).toMatchObject({ stopReason: 'final-answer' });
  });

  it('keeps collections to their tenant, even under the same name', async () => {
    const ingest = (key: string, text: string) =>
      api('POST', '/api/rag/collections/docs/ingest', key, { documents: [{ source: 'a.txt', text }] });
    expect((await ingest(alice, 'acme quarterly revenue was forty million')).status).toBe(200);
    const bobList = await api('GET', '/api/rag/collections', bob);
    expect(bobList.body.data).toEqual([]);
    const bobSearch = await api('POST', '/api/rag/collections/docs/search', bob, { query: 'revenue' });
    expect(bobSearch.status).toBe(404);

    expect((await ingest(bob, 'globex revenue was seven dollars')).status).toBe(200);
    const aliceHits = await api('POST', '/api/rag/collections/docs/search', alice, { query: 'revenue' });
    const bobHits = await api('POST', '/api/rag/collections/docs/search', bob, { query: 'revenue' });
    expect(JSON.stringify(aliceHits.body.data)).toContain('forty million');
    expect(JSON.stringify(aliceHits.body.data)).not.toContain('seven dollars');
    expect(JSON.stringify(bobHits.body.data)).toContain('seven dollars');
    expect(JSON.stringify(bobHits.body.data)).not.toContain('forty million');
    expect(
      (await api('GET', '/api/rag/collections', alice)).body.data.map((c: { name: string }) => c.name),
    ).toEqual(['docs']);
    // A name that would address another tenant's storage is refused.
    expect(
      (await api('POST', '/api/rag/collections/globex::docs/search', alice, { query: 'x' })).status,
    ).toBe(400);
  });
});

describe('admin API', () => {
  it('creates scoped keys with validated limits; an admin-scoped key works too', async () => {
    const admin = (body: unknown, key = adminKey) => api('POST', '/admin/keys', key, body);
    const bad = await admin({ name: 'x', limits: { requestsPerMinute: '60' } });
    expect(bad.status).toBe(400);
    expect((await admin({ name: 'x', limits: { requestsPerMinute: -1 } })).status).toBe(400);
    expect((await admin({ name: 'x', scopes: ['root'] })).status).toBe(400);
    expect((await admin({ name: 'x', tenant: '../etc' })).status).toBe(400);
    const created = await admin({ name: 'ops', scopes: ['admin'], tenant: 'acme' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scopes: ['admin'], tenant: 'acme' });
    const listed = await api('GET', '/admin/keys', created.body.key);
    expect(listed.status).toBe(200);
    expect((await api('GET', '/admin/keys', alice)).status).toBe(403);
  });
});
