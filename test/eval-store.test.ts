import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../src/store/index.js';

describe('eval store repositories', () => {
  let store: SqliteStore;
  afterEach(() => store?.close());

  it('stores runs and results, replaces a result on resume, and caches outputs', async () => {
    store = openSqliteStore({ path: ':memory:' });
    await store.evalRuns.createRun({
      runId: 'r1',
      name: 'smoke',
      target: 'echo',
      config: { a: 1 },
      startedAt: 1,
    });
    await store.evalRuns.saveResult({
      runId: 'r1',
      exampleId: 'e1',
      trial: 0,
      status: 'error',
      input: 'hi',
      output: null,
      scores: {},
      latencyMs: 3,
      cost: 0,
      error: 'boom',
      cached: false,
      createdAt: 2,
    });
    await store.evalRuns.saveResult({
      runId: 'r1',
      exampleId: 'e1',
      trial: 0,
      status: 'ok',
      input: 'hi',
      output: { output: 'hi' },
      scores: { exact: { score: 1 } },
      latencyMs: 3,
      cost: 0.5,
      error: null,
      cached: true,
      createdAt: 3,
    });
    const results = await store.evalRuns.listResults('r1');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'ok', output: { output: 'hi' }, cached: true, cost: 0.5 });
    await store.evalRuns.finishRun('r1', { status: 'completed', summary: { mean: 1 } });
    expect(await store.evalRuns.getRun('r1')).toMatchObject({
      status: 'completed',
      summary: { mean: 1 },
      config: { a: 1 },
    });
    expect((await store.evalRuns.listRuns()).map((r) => r.runId)).toEqual(['r1']);
    expect(await store.evalCache.get('k')).toBeUndefined();
    await store.evalCache.set('k', { output: 'x' });
    expect(await store.evalCache.get('k')).toEqual({ output: 'x' });
    expect(await store.evalCache.clear()).toBe(1);
  });
});
