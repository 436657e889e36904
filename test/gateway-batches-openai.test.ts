// Conformance of /v1/files and /v1/batches with the official openai client on a real socket: a JSONL
// input run by the gateway against its routes (the simulator), status, output and error files,
// cancellation, tenants, and a batch that resumes after the gateway restarts on the same store.
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/gateway/index.js';
import { openSqliteStore, type SqliteStore } from '../src/store/index.js';
import { type Harness, startGateway, startSimulator } from './gateway-harness.js';

let simulator: Simulator;
let slow: Simulator;
let store: SqliteStore;
let harness: Harness;
let client: OpenAI;

const config = (concurrency: number) => ({
  gateway: {
    upstreams: { sim: { baseURL: simulator.baseURL }, slow: { baseURL: slow.baseURL } },
    routes: { local: { targets: [{ upstream: 'sim' }] }, slow: { targets: [{ upstream: 'slow' }] } },
    batches: { concurrency },
  },
});

const line = (customId: string, model = 'local', content = 'hello') =>
  JSON.stringify({
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model, messages: [{ role: 'user', content }] },
  });

async function upload(api: OpenAI, lines: string[]) {
  return api.files.create({
    file: await toFile(Buffer.from(`${lines.join('\n')}\n`), 'input.jsonl'),
    purpose: 'batch',
  });
}

async function until(api: OpenAI, id: string, statuses: string[]) {
  for (let i = 0; i < 400; i++) {
    const batch = await api.batches.retrieve(id);
    if (statuses.includes(batch.status)) return batch;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`batch ${id} never reached ${statuses.join('/')}`);
}

beforeAll(async () => {
  simulator = await startSimulator({ outputTokens: 3 });
  slow = await startSimulator({ outputTokens: 3, timeToFirstTokenMs: 150 });
  store = openSqliteStore({ path: ':memory:' });
  harness = await startGateway(config(4), { store });
  client = new OpenAI({ baseURL: harness.baseURL, apiKey: 'x', maxRetries: 0 });
});

afterAll(async () => {
  await harness.close();
  await store.close();
  await simulator.close();
  await slow.close();
});

describe('/v1/files (openai client)', () => {
  it('uploads, lists, retrieves, reads and deletes a file', async () => {
    const file = await upload(client, [line('a')]);
    expect(file).toMatchObject({
      object: 'file',
      filename: 'input.jsonl',
      purpose: 'batch',
      status: 'processed',
      bytes: line('a').length + 1,
    });
    expect(file.id).toMatch(/^file-/);
    expect((await client.files.retrieve(file.id)).id).toBe(file.id);
    expect((await client.files.list()).data.map((f) => f.id)).toContain(file.id);
    expect(await (await client.files.content(file.id)).text()).toBe(`${line('a')}\n`);
    expect(await client.files.delete(file.id)).toMatchObject({ id: file.id, deleted: true });
    await expect(client.files.retrieve(file.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});

describe('/v1/batches (openai client)', () => {
  it('runs a batch: status, request counts, output and error files in line order', async () => {
    const input = await upload(client, [line('first'), line('missing-model', 'nope'), line('second')]);
    const created = await client.batches.create({
      input_file_id: input.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { job: 'test' },
    });
    expect(created).toMatchObject({
      object: 'batch',
      endpoint: '/v1/chat/completions',
      input_file_id: input.id,
      completion_window: '24h',
      metadata: { job: 'test' },
      errors: null,
    });
    expect(created.id).toMatch(/^batch_/);
    expect(['validating', 'in_progress']).toContain(created.status);
    const done = await until(client, created.id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(done.request_counts).toEqual({ total: 3, completed: 2, failed: 1 });
    for (const field of [
      'in_progress_at',
      'finalizing_at',
      'completed_at',
      'created_at',
      'expires_at',
    ] as const)
      expect(typeof done[field]).toBe('number');
    const output = (await (await client.files.content(done.output_file_id as string)).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(output.map((l) => l.custom_id)).toEqual(['first', 'second']);
    for (const entry of output) {
      expect(entry.id).toMatch(/^batch_req_/);
      expect(entry.error).toBeNull();
      expect(entry.response.status_code).toBe(200);
      expect(entry.response.request_id).toMatch(/^req_/);
      expect(entry.response.body.object).toBe('chat.completion');
      expect(entry.response.body.choices[0].message.content).toBe(' w0 w1 w2');
    }
    const errors = (await (await client.files.content(done.error_file_id as string)).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      custom_id: 'missing-model',
      response: { status_code: 404, body: { error: { code: 'GATEWAY_MODEL_NOT_FOUND' } } },
    });
    expect((await client.files.retrieve(done.output_file_id as string)).purpose).toBe('batch_output');
    expect((await client.batches.list()).data.map((b) => b.id)).toContain(created.id);
  });

  it('fails a batch whose input is invalid, with the errors by line', async () => {
    const input = await upload(client, [
      line('x'),
      line('x'),
      '{not json',
      JSON.stringify({ custom_id: 'y', method: 'POST', url: '/v1/embeddings', body: { model: 'local' } }),
    ]);
    const batch = await client.batches.create({
      input_file_id: input.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    expect(batch.status).toBe('failed');
    expect(batch.errors?.data?.map((e) => [e.code, e.line])).toEqual([
      ['duplicate_custom_id', 2],
      ['invalid_json_line', 3],
      ['mismatched_endpoint', 4],
    ]);
    await expect(
      client.batches.create({
        input_file_id: 'file-missing',
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(
      client.batches.create({
        input_file_id: input.id,
        endpoint: '/v1/responses' as '/v1/chat/completions',
        completion_window: '24h',
      }),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('cancels a running batch: lines not yet run are not sent', async () => {
    const before = slow.stats.requests;
    const input = await upload(
      client,
      Array.from({ length: 40 }, (_, i) => line(`c${i}`, 'slow')),
    );
    const created = await client.batches.create({
      input_file_id: input.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cancelled = await client.batches.cancel(created.id);
    expect(cancelled.status).toBe('cancelled');
    expect(typeof cancelled.cancelled_at).toBe('number');
    expect(cancelled.request_counts?.completed).toBeLessThan(40);
    expect(slow.stats.requests - before).toBe(cancelled.request_counts?.completed);
  });

  it("keeps each tenant's files and batches to itself", async () => {
    const acme = new OpenAI({
      baseURL: harness.baseURL,
      apiKey: (await harness.gateway.keys.create({ name: 'a', tenant: 'acme' })).key,
      maxRetries: 0,
    });
    const globex = new OpenAI({
      baseURL: harness.baseURL,
      apiKey: (await harness.gateway.keys.create({ name: 'g', tenant: 'globex' })).key,
      maxRetries: 0,
    });
    const input = await upload(acme, [line('only')]);
    const batch = await acme.batches.create({
      input_file_id: input.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    await until(acme, batch.id, ['completed']);
    await expect(globex.files.retrieve(input.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(globex.files.content(input.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(globex.batches.retrieve(batch.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(
      globex.batches.create({
        input_file_id: input.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      }),
    ).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    expect((await globex.batches.list()).data).toEqual([]);
  });

  it('resumes an unfinished batch after a restart, once across processes, without sending finished lines again', async () => {
    const restarted = await startGateway(config(1), { store });
    try {
      const api = new OpenAI({ baseURL: restarted.baseURL, apiKey: 'x', maxRetries: 0 });
      const before = slow.stats.requests;
      const input = await upload(
        api,
        Array.from({ length: 6 }, (_, i) => line(`r${i}`, 'slow')),
      );
      const created = await api.batches.create({
        input_file_id: input.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      });
      // Stop once at least one line is answered (polled: the machine may be slow).
      for (let i = 0; i < 400 && (await store.gatewayBatches.countItems(created.id)).completed === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await restarted.close();
      const stopped = await store.gatewayBatches.countItems(created.id);
      expect(stopped.completed).toBeGreaterThan(0);
      expect(stopped.completed).toBeLessThan(6);
      expect((await store.gatewayBatches.getBatch('default', created.id))?.status).toBe('in_progress');

      // Two processes start on the same store (workers, replicas): one of them runs the batch.
      const [again, twin] = await Promise.all([
        startGateway(config(2), { store }),
        startGateway(config(2), { store }),
      ]);
      try {
        const resumed = new OpenAI({ baseURL: again.baseURL, apiKey: 'x', maxRetries: 0 });
        const done = await until(resumed, created.id, ['completed']);
        expect(done.request_counts).toEqual({ total: 6, completed: 6, failed: 0 });
        const output = (await (await resumed.files.content(done.output_file_id as string)).text())
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l));
        expect(output.map((l) => l.custom_id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
        expect(slow.stats.requests - before).toBe(6);
      } finally {
        await Promise.all([again.close(), twin.close()]);
      }
    } catch (error) {
      await restarted.close().catch(() => {});
      throw error;
    }
  });
});
