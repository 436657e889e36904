// Strategies as eval targets: one dataset, two strategies, compared on accuracy and model calls.
import { describe, expect, it } from 'vitest';
import { runEval, type Scorer } from '../src/eval/index.js';
import { createReplayedModel, numericAnswer, strategyTarget } from '../src/reason/index.js';

const recordings = new Map([
  ['Q1: 2 + 2?', [{ text: '#### 5' }, { text: '#### 4' }, { text: '#### 4' }]],
  ['Q2: 3 * 3?', [{ text: '#### 9' }, { text: '#### 9' }, { text: '#### 8' }]],
  ['Q3: 10 - 4?', [{ text: '#### 7' }, { text: '#### 6' }, { text: '#### 6' }]],
]);
const examples = [
  { id: 'q1', input: 'Q1: 2 + 2?', expected: '4' },
  { id: 'q2', input: 'Q2: 3 * 3?', expected: '9' },
  { id: 'q3', input: 'Q3: 10 - 4?', expected: '6' },
];
const numericMatch: Scorer = {
  name: 'numeric-match',
  score: (example, output) => {
    const pass = numericAnswer(output.output) === String(example.expected);
    return { score: pass ? 1 : 0, pass };
  },
};

describe('strategies as eval targets', () => {
  it('compares one sample with a 3-sample vote on the same dataset', async () => {
    const run = (samples: number) =>
      runEval({
        target: strategyTarget('self-consistency', { model: createReplayedModel({ recordings }), samples }),
        examples,
        scorers: [numericMatch],
        concurrency: 1,
      });
    const single = await run(1);
    const voted = await run(3);
    const passed = (evalRun: Awaited<ReturnType<typeof run>>) =>
      evalRun.results.filter((result) => result.scores['numeric-match']?.pass).length;
    expect(passed(single)).toBe(1);
    expect(passed(voted)).toBe(3);
    expect(voted.target).toBe('strategy:self-consistency');
    expect(voted.results.map((result) => result.output?.metadata?.modelCalls)).toEqual([3, 2, 3]);
  });
});
