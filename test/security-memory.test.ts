// The memory API over HTTP (issue 15 item 9, issue 12 "isolation for memory"): every route needs a
// key with the `memory` scope; the tenant comes from the key, so a tenant cannot recall, forget,
// erase or read the profile of another tenant's user, even one with the same user id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemory } from '../src/memory/index.js';
import { call, type Platform, startPlatform } from './security-harness.js';

let platform: Platform;
let acme: string;
let globex: string;
let agentsOnly: string;

beforeAll(async () => {
  platform = await startPlatform({ security: { requireAuth: true } });
  acme = await platform.key({ scopes: ['memory'], tenant: 'acme', name: 'acme-memory' });
  globex = await platform.key({ scopes: ['memory'], tenant: 'globex', name: 'globex-memory' });
  agentsOnly = await platform.key({ scopes: ['agents', 'rag'], tenant: 'acme' });
});
afterAll(() => platform.close());

const api = (method: string, path: string, key?: string, body?: unknown) =>
  call(platform.url, method, path, { key, body });

const conversation = (secret: string) => ({
  sessions: [
    {
      id: 's1',
      date: '2024-05-01T10:00:00Z',
      turns: [
        { id: 'D1:1', role: 'user', text: `I live in ${secret}.` },
        { id: 'D1:2', role: 'assistant', text: 'Noted.' },
      ],
    },
    {
      id: 's2',
      date: '2024-05-08T10:00:00Z',
      turns: [{ id: 'D2:1', role: 'user', text: `My dog is called ${secret}-Rex.` }],
    },
  ],
});

const recallText = async (key: string, user: string, query: string) => {
  const response = await api('POST', `/api/memory/users/${user}/recall`, key, { query, k: 20 });
  expect(response.status).toBe(200);
  return JSON.stringify(response.body.data);
};

describe('memory API authentication', () => {
  it('needs a key with the memory scope on every route', async () => {
    const routes: [string, string, unknown?][] = [
      ['POST', '/api/memory/users/alice/ingest', conversation('Paris')],
      ['POST', '/api/memory/users/alice/recall', { query: 'where' }],
      ['POST', '/api/memory/users/alice/forget', { ids: ['D1:1'] }],
      ['DELETE', '/api/memory/users/alice'],
      ['GET', '/api/memory/users/alice/profile'],
      ['PATCH', '/api/memory/users/alice/profile', { changes: { language: 'French' } }],
    ];
    for (const [method, path, body] of routes) {
      const keyless = await api(method, path, undefined, body);
      expect(keyless.status, `${method} ${path}`).toBe(401);
      const wrongScope = await api(method, path, agentsOnly, body);
      expect(wrongScope.status, `${method} ${path}`).toBe(403);
      expect(wrongScope.body.error.code).toBe('AUTH_SCOPE_FORBIDDEN');
    }
    expect(await platform.store.memory.countUserRows('acme', 'alice')).toMatchObject({
      episodes: 0,
      profiles: 0,
    });
  });

  it('refuses malformed input with a clear 400', async () => {
    const bad = await api('POST', '/api/memory/users/alice/ingest', acme, { sessions: [{ id: 's1' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('MEMORY_INPUT_INVALID');
    const extra = await api('POST', '/api/memory/users/alice/ingest', acme, {
      sessions: [],
      tenant: 'globex',
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('REQUEST_INVALID');
    expect((await api('POST', '/api/memory/users/alice/recall', acme, { query: 'x', k: 0 })).status).toBe(
      400,
    );
    expect((await api('POST', '/api/memory/users/alice/recall', acme, { query: '' })).status).toBe(400);
    const longUser = await api('GET', `/api/memory/users/${'u'.repeat(300)}/profile`, acme);
    expect(longUser.status).toBe(400);
    expect(longUser.body.error.code).toBe('MEMORY_SCOPE_INVALID');
  });
});

describe('memory tenant isolation', () => {
  it('ingests, recalls, updates the profile, forgets and erases, each within the caller tenant', async () => {
    const ingested = await api('POST', '/api/memory/users/alice/ingest', acme, conversation('Lisbon'));
    expect(ingested.status).toBe(200);
    expect(ingested.body).toMatchObject({ user: 'alice', turns: 3, sessions: 2 });
    // The same user id in another tenant is another person.
    expect((await api('POST', '/api/memory/users/alice/ingest', globex, conversation('Oslo'))).status).toBe(
      200,
    );

    const acmeRecall = await api('POST', '/api/memory/users/alice/recall', acme, {
      query: 'where do I live',
    });
    expect(acmeRecall.body.data.map((item: { id: string }) => item.id)).toContain('D1:1');
    expect(JSON.stringify(acmeRecall.body.data)).toContain('Lisbon');
    expect(JSON.stringify(acmeRecall.body.data)).not.toContain('Oslo');
    const globexText = await recallText(globex, 'alice', 'where do I live, my dog');
    expect(globexText).toContain('Oslo');
    expect(globexText).not.toContain('Lisbon');
    // A user known only to acme has no memories for globex.
    expect((await api('POST', '/api/memory/users/bob/ingest', acme, conversation('Quito'))).status).toBe(200);
    expect(await recallText(globex, 'bob', 'where do I live, Quito')).toBe('[]');

    const patched = await api('PATCH', '/api/memory/users/alice/profile', acme, {
      changes: { language: 'Portuguese' },
    });
    expect(patched.body).toMatchObject({ data: { language: 'Portuguese' }, version: 1 });
    expect((await api('GET', '/api/memory/users/alice/profile', acme)).body).toMatchObject({
      data: { language: 'Portuguese' },
    });
    expect((await api('GET', '/api/memory/users/alice/profile', globex)).body).toEqual({
      data: {},
      version: 0,
    });

    // globex cannot forget or erase acme's alice: its calls reach only its own rows.
    const acmeRowsBefore = await platform.store.memory.countUserRows('acme', 'alice');
    const forgot = await api('POST', '/api/memory/users/alice/forget', globex, { ids: ['D1:1', 'D2:1'] });
    expect(forgot.body.forgotten.sort()).toEqual(['D1:1', 'D2:1']);
    expect(await platform.store.memory.countUserRows('acme', 'alice')).toEqual(acmeRowsBefore);
    expect(await recallText(acme, 'alice', 'where do I live')).toContain('Lisbon');

    const erasedByGlobex = await api('DELETE', '/api/memory/users/alice', globex);
    expect(erasedByGlobex.status).toBe(200);
    expect(await platform.store.memory.countUserRows('acme', 'alice')).toEqual(acmeRowsBefore);
    expect(await recallText(globex, 'alice', 'where do I live')).not.toContain('Oslo');
    expect(await recallText(acme, 'alice', 'where do I live')).toContain('Lisbon');

    // acme forgets one turn, then erases its alice: nothing is left in any table or in recall.
    const forgotten = await api('POST', '/api/memory/users/alice/forget', acme, { ids: ['D1:1', 'nope'] });
    expect(forgotten.body.forgotten).toEqual(['D1:1']);
    const afterForget = await api('POST', '/api/memory/users/alice/recall', acme, {
      query: 'where do I live',
    });
    expect(afterForget.body.data.map((item: { id: string }) => item.id)).not.toContain('D1:1');
    const erased = await api('DELETE', '/api/memory/users/alice', acme);
    expect(erased.status).toBe(200);
    expect(erased.body.erased.episodes).toBeGreaterThan(0);
    expect(await recallText(acme, 'alice', 'where do I live, my dog, Lisbon')).toBe('[]');
    const left = await platform.store.memory.countUserRows('acme', 'alice');
    expect(Object.values(left).every((count) => count === 0)).toBe(true);
  });
});

describe('deletions made by another process', () => {
  it('are honoured by the next recall, though this server had the index warm', async () => {
    // Another process on the same database: the CLI, another worker or replica.
    const elsewhere = createMemory({ store: platform.store });
    expect((await api('POST', '/api/memory/users/carol/ingest', acme, conversation('Nairobi'))).status).toBe(
      200,
    );
    expect(await recallText(acme, 'carol', 'where do I live')).toContain('Nairobi');

    expect(await elsewhere.forget({ tenant: 'acme', user: 'carol' }, ['D1:1'])).toEqual(['D1:1']);
    const afterForget = await api('POST', '/api/memory/users/carol/recall', acme, {
      query: 'where do I live',
    });
    expect(afterForget.body.data.map((item: { id: string }) => item.id)).not.toContain('D1:1');

    await elsewhere.eraseUser({ tenant: 'acme', user: 'carol' });
    expect(await recallText(acme, 'carol', 'where do I live, my dog, Nairobi')).toBe('[]');
  });
});
