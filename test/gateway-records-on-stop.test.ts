// The gateway as users run it (auth required, a key with limits, the configured tracer writing a
// span per request to SQLite) buffers its usage rows and spans off the request path; a graceful stop
// writes every one of them: after a burst of concurrent requests and a stop, the database file
// reopened holds one usage row and one span per answered request, with token totals that match
// what the clients were told exactly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/index.js';
import { createConfiguredTracer } from '../src/trace/index.js';
import { startGateway, startSimulator } from './gateway-harness.js';

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

describe('gateway usage rows and spans on a graceful stop', () => {
  it('writes every buffered usage row and span, with exact token totals', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'gantry-gw-records-'));
    folders.push(folder);
    const path = join(folder, 'gantry.db');
    const sim = await startSimulator({ outputTokens: 7 });
    const store = openSqliteStore({ path });
    // The defaults: tracing on, every request recorded; usage flushed every second or 500 rows.
    const tracer = createConfiguredTracer(
      { tracing: { enabled: true, sampleRatio: 1, console: false } },
      store,
    );
    const h = await startGateway(
      {
        gateway: {
          upstreams: { sim: { baseURL: sim.baseURL } },
          routes: { m: { targets: [{ upstream: 'sim', model: 'sim-model' }] } },
          auth: { required: true },
        },
      },
      { store, tracer },
    );
    const { key, record } = await h.gateway.keys.create({
      name: 'records',
      limits: { requestsPerMinute: 10_000, tokensPerMinute: 10_000_000, concurrentRequests: 1_000 },
    });

    // 300 concurrent requests (fewer than one usage batch: all still buffered when the stop comes),
    // with prompts of different lengths so that the totals are not a multiple of one answer.
    const count = 300;
    const answers = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const response = await fetch(`${h.baseURL}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({
            model: 'm',
            messages: [{ role: 'user', content: 'word '.repeat(1 + (i % 13)) }],
          }),
        });
        expect(response.status).toBe(200);
        return (await response.json()) as { usage: { prompt_tokens: number; completion_tokens: number } };
      }),
    );
    const input = answers.reduce((sum, a) => sum + a.usage.prompt_tokens, 0);
    const output = answers.reduce((sum, a) => sum + a.usage.completion_tokens, 0);

    // Graceful stop, in the order `gantry serve` uses: server and gateway, then the tracer, then the store.
    await h.close();
    await tracer.close();
    await store.close();
    await sim.close();

    const reopened = openSqliteStore({ path });
    try {
      const totals = await reopened.gatewayUsage.totalsForKey(record.id);
      expect(totals).toMatchObject({ requests: count, inputTokens: input, outputTokens: output });
      const rows = await reopened.gatewayUsage.listUsage({ keyId: record.id, limit: 1_000 });
      expect(rows).toHaveLength(count);
      expect(rows.reduce((sum, r) => sum + r.inputTokens, 0)).toBe(input);
      expect(rows.reduce((sum, r) => sum + r.outputTokens, 0)).toBe(output);
      // Each span is kept in its request's usage row (one record per request), none in spans.
      expect(reopened.database.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 0 });
      const traces = await reopened.spans.listTraces({ limit: 1_000 });
      expect(traces).toHaveLength(count);
      const spans = (await Promise.all(traces.map((t) => reopened.spans.getTrace(t.traceId)))).flat();
      expect(spans).toHaveLength(count);
      expect(spans.every((s) => s.name === 'chat m' && s.kind === 'server' && s.status === 'ok')).toBe(true);
      expect(spans.reduce((sum, s) => sum + Number(s.attributes['gen_ai.usage.input_tokens']), 0)).toBe(
        input,
      );
      expect(spans.reduce((sum, s) => sum + Number(s.attributes['gen_ai.usage.output_tokens']), 0)).toBe(
        output,
      );
    } finally {
      await reopened.close();
    }
  });
});
