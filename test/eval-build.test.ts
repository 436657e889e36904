// Eval files built into targets and scorers, with scripted models injected for every model name.
import { describe, expect, it } from 'vitest';
import { buildEval, parseEvalFile, readEvalFile, runEval } from '../src/eval/index.js';
import { createScriptedModel } from '../src/model/index.js';
import { hasTestCollection } from '../src/rag/index.js';

describe('buildEval', () => {
  it('builds a model target with a template, inline examples and a judge from the eval file', async () => {
    const answer = createScriptedModel([{ text: 'Paris' }, { text: 'Lyon' }]);
    const judge = createScriptedModel([{ text: '{"score": 5}' }, { text: '{"score": 1}' }]);
    const file = parseEvalFile(
      {
        name: 'capitals',
        target: { kind: 'model', model: 'test:answer', prompt: 'Capital of {{country}}?' },
        examples: [
          { id: 'fr', country: 'France', input: 'France', expected: 'Paris' },
          { id: 'it', country: 'Italy', input: 'Italy', expected: 'Rome' },
        ],
        scorers: [
          'exact',
          { type: 'llm-judge', rubric: 'Correct capital?' },
          { type: 'chrf', threshold: 0.9 },
        ],
        judge: { model: 'test:judge' },
      },
      'inline',
    );
    const built = buildEval(file, { languageModel: (spec) => (spec === 'test:judge' ? judge : answer) });
    const run = await runEval({
      target: built.target,
      examples: built.examples,
      scorers: built.scorers,
      concurrency: 1,
    });
    expect(run.results.map((r) => r.scores.exact.pass)).toEqual([true, false]);
    expect(run.results.map((r) => r.scores['llm-judge'].score)).toEqual([1, 0]);
    expect(run.summary.scorers.chrf.passRate).toBe(0.5);
    expect(built.target.fingerprint).toContain('Capital of {{country}}?');
  });

  it('builds the web shop with a model policy driven by the agent runtime', async () => {
    const model = createScriptedModel([{ text: 'I give up.' }], { loop: true });
    const built = buildEval(
      parseEvalFile(
        {
          name: 'shop',
          target: {
            kind: 'webshop',
            taskCount: 2,
            catalogueSize: 20,
            policy: { kind: 'model', model: 'test:m' },
          },
          scorers: ['task-success'],
        },
        'inline',
      ),
      { languageModel: () => model },
    );
    try {
      const run = await runEval({ target: built.target, examples: built.examples, scorers: built.scorers });
      expect(run.results).toHaveLength(2);
      expect(
        run.results.every((r) => r.output?.metadata?.reward === 0 && r.output.output === 'I give up.'),
      ).toBe(true);
    } finally {
      await built.close();
    }
  });

  it('runs the careful web-shop policy from an eval file, and refuses it for another environment', async () => {
    const file = (kind: string, policy: string) =>
      parseEvalFile(
        {
          name: 'shop',
          target:
            kind === 'webshop'
              ? { kind, taskCount: 3, catalogueSize: 300, policy: { kind: policy } }
              : { kind, collection: 'cranfield', taskCount: 1, policy: { kind: policy } },
          scorers: ['task-success'],
        },
        'inline',
      );
    const rewards = async (policy: string) => {
      const built = buildEval(file('webshop', policy));
      try {
        const run = await runEval({ target: built.target, examples: built.examples, scorers: built.scorers });
        return run.results.map((r) => r.output?.metadata?.reward as number);
      } finally {
        await built.close();
      }
    };
    const careful = await rewards('careful');
    expect(careful).toEqual([1, 1, 1]);
    const heuristic = await rewards('heuristic');
    expect(heuristic.reduce((a, b) => a + b, 0)).toBeLessThan(3);
    expect(() => buildEval(file('research', 'careful'))).toThrow(/only for the web shop/);
  });

  it.skipIf(!hasTestCollection('cranfield'))(
    'runs docs/eval/research.eval.yaml: questions with reference answers over Cranfield',
    async () => {
      const file = new URL('../docs/eval/research.eval.yaml', import.meta.url).pathname;
      const built = buildEval(readEvalFile(file), { file });
      const run = await runEval({ target: built.target, examples: built.examples, scorers: built.scorers });
      expect(run.results.map((r) => r.exampleId)).toEqual(['slipstream-lift', 'shear-flow-novelty']);
      for (const r of run.results) {
        // The baseline cites the required document first (recall 1) among 3 (precision 1/3): citation F1 0.5;
        // it answers with the document's title, sharing no token with the reference: answer F1 0.
        expect(r.output?.metadata).toMatchObject({ citationRecall: 1, answerF1: 0 });
        expect(r.output?.metadata?.citationPrecision).toBeCloseTo(1 / 3, 6);
        expect(r.output?.metadata?.reward).toBeCloseTo(0.25, 6);
      }
    },
  );

  it('names what is wrong in an eval file', () => {
    expect(() =>
      parseEvalFile({ name: 'x', target: { kind: 'nope' }, scorers: ['exact'] }, 'f.yaml'),
    ).toThrow(/f\.yaml is not valid: target\.kind/);
    const file = parseEvalFile(
      { name: 'x', target: { kind: 'shell', command: 'cat' }, scorers: ['blue'], examples: [{ input: 'a' }] },
      'f.yaml',
    );
    expect(() => buildEval(file)).toThrow(/Unknown scorer 'blue'/);
    const judgeless = parseEvalFile(
      {
        name: 'x',
        target: { kind: 'shell', command: 'cat' },
        scorers: [{ type: 'g-eval', criteria: 'c' }],
        examples: [{ input: 'a' }],
      },
      'f',
    );
    expect(() => buildEval(judgeless)).toThrow(/needs 'model \(or judge.model/);
    const noData = parseEvalFile(
      { name: 'x', target: { kind: 'shell', command: 'cat' }, scorers: ['exact'] },
      'f',
    );
    expect(() => buildEval(noData)).toThrow(/neither a dataset nor examples/);
  });
});
