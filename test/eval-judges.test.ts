// Judges with the scripted model: rubric judge, pairwise in both orders (flip → tie), G-Eval by
// logprobs and by sampling, and judge-check's flip rate and agreement.
import { describe, expect, it } from 'vitest';
import { functionTarget, gEval, judgeCheck, llmJudge, pairwiseJudge, runEval } from '../src/eval/index.js';
import { createScriptedModel } from '../src/model/index.js';

const example = { id: 'q', input: 'What is 2+2?', expected: '4' };
const output = { output: 'It is 4.' };
const context = { latencyMs: 1 };

describe('llmJudge', () => {
  it('normalises the rubric score and sends the rubric, input, reference and response', async () => {
    const model = createScriptedModel([{ text: '```json\n{"reasoning": "correct", "score": 4}\n```' }]);
    const judge = llmJudge({ model, rubric: 'Correctness', scale: [1, 5] });
    const result = await judge.score(example, output, context);
    expect(result.score).toBeCloseTo(0.75, 6);
    expect(result.reason).toBe('correct');
    const prompt = JSON.stringify(model.calls[0].options.prompt);
    for (const part of ['Correctness', 'What is 2+2?', 'REFERENCE ANSWER', 'It is 4.'])
      expect(prompt).toContain(part);
  });

  it('fails the example (not the run) when the judge answers out of format', async () => {
    const model = createScriptedModel([{ text: 'I think it is fine' }]);
    const run = await runEval({
      target: functionTarget('t', () => 'x'),
      examples: [example],
      scorers: [llmJudge({ model, rubric: 'r' })],
    });
    expect(run.results[0].scores['llm-judge']).toMatchObject({ score: 0, pass: false });
    expect(run.results[0].scores['llm-judge'].reason).toMatch(/did not answer with a JSON object/);
  });
});

describe('pairwiseJudge', () => {
  it('returns the winner when both orders agree', async () => {
    // Forward: A is better. Backward (B shown first): the second response, i.e. A, is better.
    const model = createScriptedModel([{ text: '{"winner":"A"}' }, { text: '{"winner":"B"}' }]);
    const result = await pairwiseJudge({ model }).compare('q', 'good', 'bad');
    expect(result).toEqual({ winner: 'A', flipped: false, verdicts: ['A', 'A'] });
    expect(JSON.stringify(model.calls[1].options.prompt)).toMatch(/RESPONSE A:\\n+bad/);
  });

  it('counts a verdict that flips with the order as a tie', async () => {
    const model = createScriptedModel([{ text: '{"winner":"A"}' }, { text: '{"winner":"A"}' }]);
    const result = await pairwiseJudge({ model }).compare('q', 'x', 'y');
    expect(result).toEqual({ winner: 'tie', flipped: true, verdicts: ['A', 'B'] });
  });
});

describe('gEval', () => {
  it('weights scores by their token probabilities when logprobs come back', async () => {
    const logprobs = [
      {
        token: '4',
        logprob: Math.log(0.6),
        top_logprobs: [
          { token: '4', logprob: Math.log(0.6) },
          { token: '3', logprob: Math.log(0.3) },
          { token: '5', logprob: Math.log(0.05) },
          { token: 'The', logprob: Math.log(0.05) },
        ],
      },
    ];
    const model = createScriptedModel([
      { text: '1. Check the arithmetic.\n2. Check the answer is stated.' },
      { text: '4', providerMetadata: { openai: { logprobs } } },
    ]);
    const scorer = gEval({ model, criteria: 'Correctness' });
    const result = await scorer.score(example, output, context);
    // Σ p·s over in-range tokens, renormalised: (0.6·4 + 0.3·3 + 0.05·5) / 0.95 = 3.7368
    expect(result.details?.weightedScore).toBeCloseTo(3.55 / 0.95, 4);
    expect(result.score).toBeCloseTo((3.55 / 0.95 - 1) / 4, 4);
    expect(JSON.stringify(model.calls[1].options.prompt)).toContain('Check the arithmetic');
    expect(model.calls[1].options.providerOptions).toEqual({ openai: { logprobs: 20 } });
  });

  it('falls back to the mean of n samples without logprobs', async () => {
    const model = createScriptedModel([{ text: '3' }, { text: '5' }, { text: 'Score: 4' }, { text: '4' }]);
    const scorer = gEval({ model, criteria: 'Fluency', steps: ['Read it.'], samples: 3 });
    const result = await scorer.score(example, output, context);
    model.assertComplete();
    expect(result.details).toMatchObject({ method: 'samples', samples: [5, 4, 4] });
    expect(result.details?.weightedScore).toBeCloseTo(13 / 3, 6);
  });
});

describe('judgeCheck', () => {
  it('reports flip rate, first-position preference, self-agreement and human agreement', async () => {
    // Pair 1: consistent A twice. Pair 2: always prefers the first position (flips), 2 repeats.
    const model = createScriptedModel([
      { text: '{"winner":"A"}' },
      { text: '{"winner":"B"}' },
      { text: '{"winner":"A"}' },
      { text: '{"winner":"B"}' },
      { text: '{"winner":"A"}' },
      { text: '{"winner":"A"}' },
      { text: '{"winner":"A"}' },
      { text: '{"winner":"A"}' },
    ]);
    const report = await judgeCheck(
      pairwiseJudge({ model }),
      [
        { id: 'p1', input: 'q1', a: 'good', b: 'bad', label: 'A' },
        { id: 'p2', input: 'q2', a: 'x', b: 'y', label: 'B' },
      ],
      { repeats: 2 },
    );
    model.assertComplete();
    expect(report.comparisons).toBe(4);
    expect(report.flipRate).toBe(0.5);
    expect(report.firstPositionRate).toBe(0.5);
    expect(report.selfAgreement).toBe(1);
    expect(report.humanAgreement).toBe(0.5);
    // Decisive verdicts: pair 1 twice, A ('good', 4 chars) over B ('bad', 3 chars): the longer answer won both.
    expect(report.longerAnswerWinRate).toBe(1);
    expect(report.perPair[1]).toMatchObject({ verdicts: ['tie', 'tie'], flips: 2 });
  });
});
