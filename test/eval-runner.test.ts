// The runner through its public interface: concurrency, retries, timeouts, cache, resume, repeats,
// SQLite results; targets: a scripted model with a template, a real HTTP endpoint, a shell command.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type EvalExample,
  exactMatch,
  functionTarget,
  httpTarget,
  includes,
  loadDataset,
  modelTarget,
  parseDataset,
  rowsToExamples,
  runEval,
  shellTarget,
} from '../src/eval/index.js';
import { createScriptedModel } from '../src/model/index.js';
import { openSqliteStore, type SqliteStore } from '../src/store/index.js';

const examples: EvalExample[] = [
  { id: 'a', input: 'one', expected: 'ONE' },
  { id: 'b', input: 'two', expected: 'TWO' },
  { id: 'c', input: 'three', expected: 'THREE' },
];

let store: SqliteStore | undefined;
let server: Server | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('runEval', () => {
  it('scores every example, keeps the concurrency limit and stores results in SQLite', async () => {
    store = openSqliteStore({ path: ':memory:' });
    let running = 0;
    let peak = 0;
    const target = functionTarget('upper', async (input) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return String(input).toUpperCase();
    });
    const run = await runEval({ target, examples, scorers: [exactMatch()], store, concurrency: 2 });
    expect(peak).toBe(2);
    expect(run.summary.passRate).toBe(1);
    expect(run.summary.scorers.exact).toEqual({ mean: 1, passRate: 1, count: 3 });
    const stored = await store.evalRuns.listResults(run.runId);
    expect(stored.map((r) => r.exampleId)).toEqual(['a', 'b', 'c']);
    expect((await store.evalRuns.getRun(run.runId))?.status).toBe('completed');
  });

  it('retries failures, then records the error; times out slow examples', async () => {
    const attempts = new Map<string, number>();
    const target = functionTarget('flaky', async (input, { signal }) => {
      const n = (attempts.get(String(input)) ?? 0) + 1;
      attempts.set(String(input), n);
      if (input === 'one' && n < 3) throw new Error('transient');
      if (input === 'two') throw new Error('always broken');
      if (input === 'three')
        await new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        );
      return String(input).toUpperCase();
    });
    const run = await runEval({
      target,
      examples,
      scorers: [exactMatch()],
      retries: 2,
      retryDelayMs: 0,
      timeoutMs: 50,
    });
    expect(attempts.get('one')).toBe(3);
    expect(attempts.get('two')).toBe(3);
    const byId = Object.fromEntries(run.results.map((r) => [r.exampleId, r]));
    expect(byId.a.status).toBe('ok');
    expect(byId.b).toMatchObject({ status: 'error', error: 'always broken' });
    expect(byId.c.error).toMatch(/longer than 50 ms/);
    expect(run.summary.errors).toBe(2);
  });

  it('reuses cached outputs for unchanged examples and resumes a run without re-running finished ones', async () => {
    store = openSqliteStore({ path: ':memory:' });
    let calls = 0;
    let failC = true;
    const target = functionTarget('count', async (input) => {
      calls++;
      if (input === 'three' && failC) throw new Error('down');
      return String(input).toUpperCase();
    });
    const first = await runEval({ target, examples, scorers: [exactMatch()], store, retries: 0 });
    expect(calls).toBe(3);
    expect(first.summary.errors).toBe(1);
    failC = false;
    const resumed = await runEval({
      target,
      examples,
      scorers: [exactMatch()],
      store,
      runId: first.runId,
      retries: 0,
      cache: false,
    });
    expect(calls).toBe(4); // only the failed example ran again
    expect(resumed.summary.passRate).toBe(1);
    const again = await runEval({ target, examples, scorers: [exactMatch()], store });
    expect(calls).toBe(4); // a new run, every output from the cache
    expect(again.results.every((r) => r.cached)).toBe(true);
  });

  it("misses the cache when the target's fingerprint changes (a new prompt, an edited script)", async () => {
    store = openSqliteStore({ path: ':memory:' });
    let calls = 0;
    const make = (fingerprint: string) => ({
      ...functionTarget('same-name', async (input) => `${calls++ >= 0 ? String(input).toUpperCase() : ''}`),
      fingerprint,
    });
    await runEval({ target: make('v1'), examples, scorers: [exactMatch()], store });
    await runEval({ target: make('v1'), examples, scorers: [exactMatch()], store });
    expect(calls).toBe(3);
    const changed = await runEval({ target: make('v2'), examples, scorers: [exactMatch()], store });
    expect(calls).toBe(6);
    expect(changed.results.some((r) => r.cached)).toBe(false);
  });

  it('repeats with seeds and reports pass@k and pass^k', async () => {
    const target = functionTarget('sometimes', async (input, { trial, seed }) => {
      expect(seed).toBe(10 + trial);
      if (input === 'one') return 'ONE';
      if (input === 'two') return trial % 2 === 0 ? 'TWO' : 'no';
      return 'no';
    });
    const run = await runEval({ target, examples, scorers: [exactMatch()], repeat: 4, seed: 10 });
    expect(run.results).toHaveLength(12);
    expect(run.summary.passHatK?.['1']).toBeCloseTo(0.5, 4);
    expect(run.summary.passHatK?.['2']).toBeCloseTo(0.3889, 4);
    expect(run.summary.passAtK?.['4']).toBeCloseTo(2 / 3, 4);
  });

  it('runs a scripted model through a prompt template and records usage', async () => {
    const model = createScriptedModel([
      { text: 'Paris', usage: { inputTokens: 10, outputTokens: 1 } },
      { text: 'Rome', usage: { inputTokens: 10, outputTokens: 1 } },
    ]);
    const target = modelTarget({ model, prompt: 'Capital of {{country}}? City only.' });
    const rows = [
      { id: 'fr', country: 'France', input: 'France', expected: 'Paris' },
      { id: 'it', country: 'Italy', input: 'Italy', expected: 'Rome' },
    ];
    const run = await runEval({
      target,
      examples: rowsToExamples(rows, 'inline'),
      scorers: [exactMatch()],
      concurrency: 1,
    });
    model.assertComplete();
    expect(run.summary.passRate).toBe(1);
    const prompt = JSON.stringify(model.calls[0].options.prompt);
    expect(prompt).toContain('Capital of France? City only.');
    expect(run.results[0].output?.usage).toEqual({ inputTokens: 10, outputTokens: 1 });
  });

  it('calls a real HTTP endpoint and reads the answer at a path', async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (c) => {
        body += c;
      });
      request.on('end', () => {
        const { question } = JSON.parse(body);
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ choices: [{ message: { content: `echo: ${question}` } }] }));
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const target = httpTarget({
      url: `http://127.0.0.1:${port}/ask`,
      body: { question: '{{input}}' },
      outputPath: 'choices.0.message.content',
    });
    const run = await runEval({
      target,
      examples: [{ id: 'q', input: 'hi', expected: 'echo: hi' }],
      scorers: [exactMatch()],
    });
    expect(run.results[0].output?.output).toBe('echo: hi');
    expect(run.summary.passRate).toBe(1);
  });

  it('runs a shell command with the input on stdin', async () => {
    const target = shellTarget({ command: "tr 'a-z' 'A-Z'" });
    const run = await runEval({ target, examples, scorers: [exactMatch(), includes()] });
    expect(run.summary.passRate).toBe(1);
  });
});

describe('datasets', () => {
  it('reads JSONL, CSV (quoted fields) and YAML, and names a bad row', () => {
    expect(parseDataset('{"input":"a"}\n\n{"input":"b"}\n', 'x.jsonl')).toHaveLength(2);
    expect(parseDataset('input,expected\n"a, b","say ""hi"""\nc,d\n', 'x.csv')).toEqual([
      { input: 'a, b', expected: 'say "hi"' },
      { input: 'c', expected: 'd' },
    ]);
    expect(parseDataset('- input: a\n  expected: b\n', 'x.yaml')).toEqual([{ input: 'a', expected: 'b' }]);
    expect(() => parseDataset('{"input":"a"}\n{oops\n', 'x.jsonl')).toThrow(/Line 2 of x.jsonl/);
    expect(() => rowsToExamples([{ question: 'q' }], 'x.jsonl')).toThrow(/no 'input' column/);
    expect(() => loadDataset('/nonexistent/file.jsonl')).toThrow(/cannot be read/);
    expect(rowsToExamples([{ q: 'x', a: 'y' }], 'x', { input: 'q', expected: 'a' })[0]).toMatchObject({
      input: 'x',
      expected: 'y',
    });
  });
});
