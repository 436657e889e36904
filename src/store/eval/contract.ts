// The eval domain's contract: the behaviour every backend's eval run, result and cache repositories
// must show (test/store-contract.test.ts runs it against each backend).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainContract } from '../domain.js';
import type { EvalRepositories } from './repository.js';
import type { EvalResultRecord } from './types.js';

interface Summary {
  passRate: number;
  scorers: Record<string, { mean: number }>;
}

const result = (overrides: Partial<EvalResultRecord> & Pick<EvalResultRecord, 'exampleId'>) => ({
  runId: 'run1',
  trial: 0,
  status: 'ok' as const,
  input: { question: 'q' },
  output: { output: 'a', usage: { inputTokens: 3 } },
  scores: { exact: { score: 1, pass: true } },
  latencyMs: 12.5,
  cost: 0.001,
  error: null,
  cached: false,
  createdAt: 1_700_000_000_000,
  ...overrides,
});

export const evalContract: DomainContract<EvalRepositories> = (backend, open) => {
  describe(`eval domain contract: ${backend}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates a run as running, finishes it with a typed summary, and lists runs newest first', async () => {
      await store.evalRuns.createRun({
        runId: 'old',
        name: 'qa',
        target: 'model',
        config: { thresholds: { exact: 0.5 } },
        startedAt: 100,
      });
      await store.evalRuns.createRun({
        runId: 'new',
        name: 'qa',
        target: 'model',
        config: {},
        startedAt: 200,
      });
      expect(await store.evalRuns.getRun('old')).toEqual({
        runId: 'old',
        name: 'qa',
        target: 'model',
        status: 'running',
        config: { thresholds: { exact: 0.5 } },
        summary: null,
        startedAt: 100,
        finishedAt: null,
      });
      const summary: Summary = { passRate: 0.75, scorers: { exact: { mean: 0.75 } } };
      await store.evalRuns.finishRun('old', { status: 'completed', summary });
      const finished = await store.evalRuns.getRun<Summary, { thresholds: Record<string, number> }>('old');
      expect(finished?.status).toBe('completed');
      expect(finished?.summary?.scorers.exact.mean).toBe(0.75);
      expect(finished?.config.thresholds.exact).toBe(0.5);
      expect(typeof finished?.finishedAt).toBe('number');
      expect((await store.evalRuns.listRuns()).map((r) => r.runId)).toEqual(['new', 'old']);
      expect((await store.evalRuns.listRuns({ limit: 1 })).map((r) => r.runId)).toEqual(['new']);
      expect(await store.evalRuns.getRun('missing')).toBeUndefined();
    });

    it('restarts a run created again under the same id (resume), keeping its results', async () => {
      const run = { runId: 'run1', name: 'qa', target: 'model', config: {}, startedAt: 100 };
      await store.evalRuns.createRun(run);
      await store.evalRuns.saveResult(result({ exampleId: 'a' }));
      await store.evalRuns.finishRun('run1', { status: 'failed', summary: { error: 'boom' } });
      await store.evalRuns.createRun(run);
      const resumed = await store.evalRuns.getRun('run1');
      expect(resumed).toMatchObject({ status: 'running', finishedAt: null });
      expect(await store.evalRuns.listResults('run1')).toHaveLength(1);
    });

    it('stores results per (example, trial), replacing a re-saved one, ordered by example then trial', async () => {
      await store.evalRuns.createRun({
        runId: 'run1',
        name: 'qa',
        target: 'model',
        config: {},
        startedAt: 1,
      });
      await store.evalRuns.saveResult(result({ exampleId: 'b', trial: 1 }));
      await store.evalRuns.saveResult(
        result({ exampleId: 'b', trial: 0, status: 'error', error: 'timeout', output: null }),
      );
      await store.evalRuns.saveResult(result({ exampleId: 'a', trial: 0, cached: true }));
      await store.evalRuns.saveResult(
        result({ exampleId: 'b', trial: 1, scores: { exact: { score: 0, pass: false } } }),
      );
      const results = await store.evalRuns.listResults<{ output: string }, { score: number; pass: boolean }>(
        'run1',
      );
      expect(results.map((r) => [r.exampleId, r.trial])).toEqual([
        ['a', 0],
        ['b', 0],
        ['b', 1],
      ]);
      expect(results[0]).toEqual(result({ exampleId: 'a', trial: 0, cached: true }));
      expect(results[1]).toMatchObject({ status: 'error', error: 'timeout', output: null });
      expect(results[2].scores.exact.pass).toBe(false);
      expect(await store.evalRuns.listResults('other')).toEqual([]);
    });

    it('caches outputs by key, replaces them, and clears them all', async () => {
      expect(await store.evalCache.get('k1')).toBeUndefined();
      await store.evalCache.set('k1', { output: 'first', latencyMs: 5 });
      await store.evalCache.set('k2', ['any', 'json', 1]);
      await store.evalCache.set('k1', { output: 'second', latencyMs: 7 });
      expect(await store.evalCache.get<{ output: string; latencyMs: number }>('k1')).toEqual({
        output: 'second',
        latencyMs: 7,
      });
      expect(await store.evalCache.get('k2')).toEqual(['any', 'json', 1]);
      expect(await store.evalCache.clear()).toBe(2);
      expect(await store.evalCache.get('k1')).toBeUndefined();
    });
  });
};
