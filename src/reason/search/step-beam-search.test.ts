import { describe, expect, it } from 'vitest';
import { createScriptedModel } from '../../model/index.js';
import { promptText } from '../prompt-text.js';
import { arithmeticStepVerifier, stepBeamSearch } from './step-beam-search.js';

describe('stepBeamSearch', () => {
  it('scores every step, keeps the best paths, and returns the best finished one', async () => {
    const model = createScriptedModel([
      // depth 1: one path, two samples
      { text: 'Boxes: 3 * 4 = 12 eggs.' },
      { text: 'Boxes: 3 * 4 = 13 eggs.' }, // wrong arithmetic: this path scores 0.05
      // depth 2: beam of 2 paths, two samples each
      { text: 'Add 5: 12 + 5 = 17. #### 17' },
      { text: 'Add 5: 12 + 5 = 17. #### 17' },
      { text: 'Add 5: 13 + 5 = 18. #### 18' },
      { text: 'Add 5: 13 + 5 = 18. #### 18' },
    ]);
    const result = await stepBeamSearch({
      model,
      question: '3 boxes of 4 eggs and 5 loose eggs: how many?',
      verifier: arithmeticStepVerifier(),
      beamWidth: 2,
      expansions: 2,
    });
    expect(result.answer).toBe('17');
    expect(result.trace.map((call) => call.purpose)).toEqual([
      'step 1, path 1, sample 1',
      'step 1, path 1, sample 2',
      'step 2, path 1, sample 1',
      'step 2, path 1, sample 2',
      'step 2, path 2, sample 1',
      'step 2, path 2, sample 2',
    ]);
    // The correct path is expanded first, and its prompt carries its earlier step.
    expect(promptText(model.calls[2]!.options)).toContain('Boxes: 3 * 4 = 12 eggs.');
    // A majority vote over finished answers would tie 17 and 18; the step scores do not.
    expect(result.finished?.map((path) => path.score)).toEqual([1, 1, 0.05, 0.05]);
  });

  it('stops cleanly on the budget with the best finished answer so far', async () => {
    const model = createScriptedModel([{ text: '2 + 2 = 4 #### 4' }, { text: 'thinking' }, { text: 'more' }]);
    const result = await stepBeamSearch({
      model,
      question: '2 + 2?',
      verifier: arithmeticStepVerifier(),
      beamWidth: 3,
      expansions: 2,
      limits: { steps: 3 },
    });
    expect(result.stopReason).toBe('step-limit');
    expect(result.answer).toBe('4');
  });
});
