import { describe, expect, it } from 'vitest';
import { Budget } from '../agent/index.js';
import { createScriptedModel } from '../model/index.js';
import { bestOfN } from './best-of-n.js';
import { promptText } from './prompt-text.js';
import { selfConsistency } from './self-consistency.js';

const answers = (...texts: string[]) =>
  texts.map((text) => ({ text, usage: { inputTokens: 10, outputTokens: 5 } }));

describe('selfConsistency', () => {
  it('votes over normalised answers ("$20.00" and "#### 20" are one vote)', async () => {
    const model = createScriptedModel(answers('so #### $20.00', 'it is 21', 'A: 20', 'The answer is 7'));
    const result = await selfConsistency({ model, question: 'q?', samples: 4, earlyStop: false });
    expect(result.answer).toBe('20');
    expect(result.stopReason).toBe('final-answer');
    expect(result.votes?.map((v) => [v.key, v.count])).toEqual([
      ['20', 2],
      ['21', 1],
      ['7', 1],
    ]);
    expect(result.trace.map((call) => [call.role, call.purpose])).toEqual([
      ['sampler', 'sample 1 of 4'],
      ['sampler', 'sample 2 of 4'],
      ['sampler', 'sample 3 of 4'],
      ['sampler', 'sample 4 of 4'],
    ]);
    expect(promptText(model.calls[0]!.options)).toContain('q?');
    expect(model.calls[0]!.options.temperature).toBe(0.7);
    expect(result.usage).toMatchObject({ steps: 4, inputTokens: 40, outputTokens: 20 });
    model.assertComplete();
  });

  it('stops sampling once the remaining samples cannot change the winner', async () => {
    const model = createScriptedModel(answers('#### 5', '#### 5', '#### 5', '#### 9', '#### 9'));
    const result = await selfConsistency({ model, question: 'q', samples: 5 });
    // After 3 votes for 5, the 2 remaining samples cannot overtake it.
    expect(result.stopReason).toBe('vote-decided');
    expect(result.answer).toBe('5');
    expect(model.calls).toHaveLength(3);
  });

  it('stops at an agreement threshold (adaptive compute) only after the minimum samples', async () => {
    const model = createScriptedModel(
      answers('#### 1', '#### 1', '#### 2', '#### 1', '#### 3', '#### 4', '#### 5'),
    );
    const result = await selfConsistency({
      model,
      question: 'q',
      samples: 7,
      earlyStop: false,
      stopAtAgreement: 0.7,
      minimumSamples: 3,
    });
    // 2/2 agree before the minimum; 2/3 < 0.7; 3/4 ≥ 0.7.
    expect(model.calls).toHaveLength(4);
    expect(result.stopReason).toBe('vote-decided');
  });

  it('weights votes with a verifier score', async () => {
    const model = createScriptedModel(answers('#### 3 (sloppy)', '#### 3 (sloppy)', '#### 4 (careful)'));
    const result = await selfConsistency({
      model,
      question: 'q',
      samples: 3,
      weigh: ({ text }) => (text.includes('careful') ? 1 : 0.2),
    });
    expect(result.answer).toBe('4');
  });

  it('stops cleanly on the step budget with the vote so far', async () => {
    const model = createScriptedModel(answers('#### 8', '#### 8', '#### 1'));
    const result = await selfConsistency({ model, question: 'q', samples: 10, limits: { steps: 2 } });
    expect(result.stopReason).toBe('step-limit');
    expect(result.stopMessage).toMatch(/steps limit of 2/);
    expect(result.answer).toBe('8');
    expect(model.calls).toHaveLength(2);
  });

  it("charges an enclosing run's budget and stops when it runs out", async () => {
    const parent = new Budget({ outputTokens: 10 });
    const model = createScriptedModel(answers('#### 1', '#### 2', '#### 3', '#### 4'));
    const result = await selfConsistency({
      model,
      question: 'q',
      samples: 4,
      parentBudget: parent,
      earlyStop: false,
    });
    expect(result.stopReason).toBe('token-limit');
    expect(result.stopMessage).toMatch(/enclosing run/);
    expect(parent.used.steps).toBe(2);
  });

  it('stops with aborted when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const model = createScriptedModel(answers('#### 1'));
    const result = await selfConsistency({ model, question: 'q', signal: controller.signal });
    expect(result.stopReason).toBe('aborted');
    expect(model.calls).toHaveLength(0);
  });
});

describe('bestOfN', () => {
  it('keeps the candidate the verifier scores highest', async () => {
    const model = createScriptedModel(answers('#### 10', '#### 12 checked', '#### 10'));
    const result = await bestOfN({
      model,
      question: 'q',
      samples: 3,
      verifier: (candidate) => (candidate.text.includes('checked') ? 0.9 : 0.5),
    });
    expect(result.answer).toBe('12');
    expect(result.best?.index).toBe(1);
  });

  it("sums scores per answer with selection 'vote'", async () => {
    const model = createScriptedModel(answers('#### 10', '#### 12 checked', '#### 10'));
    const result = await bestOfN({
      model,
      question: 'q',
      samples: 3,
      selection: 'vote',
      verifier: (candidate) => (candidate.text.includes('checked') ? 0.9 : 0.5),
    });
    expect(result.answer).toBe('10');
  });

  it('stops drawing when a candidate reaches the accept score', async () => {
    const model = createScriptedModel(answers('#### 1', '#### 2', '#### 3'));
    const result = await bestOfN({
      model,
      question: 'q',
      samples: 3,
      acceptScore: 1,
      verifier: (candidate) => (candidate.key === '2' ? 1 : 0),
    });
    expect(result.stopReason).toBe('accepted');
    expect(result.answer).toBe('2');
    expect(model.calls).toHaveLength(2);
  });
});
