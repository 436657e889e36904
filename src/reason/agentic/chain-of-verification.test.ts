import { describe, expect, it } from 'vitest';
import { createScriptedModel } from '../../model/index.js';
import { promptText } from '../prompt-text.js';
import { chainOfVerification } from './chain-of-verification.js';

describe('chainOfVerification', () => {
  it('drafts, plans questions, answers each without the draft, and revises', async () => {
    const model = createScriptedModel([
      { text: 'Politicians born in New York: Hillary Clinton, Donald Trump.' },
      { text: '1. Where was Hillary Clinton born?\n2. Where was Donald Trump born?' },
      { text: 'Chicago' },
      { text: 'New York City' },
      { text: 'Donald Trump.' },
    ]);
    const result = await chainOfVerification({ model, question: 'Name politicians born in New York.' });
    expect(result.answer).toBe('Donald Trump.');
    expect(result.trace.map((call) => call.role)).toEqual([
      'drafter',
      'questioner',
      'answerer',
      'answerer',
      'reviser',
    ]);
    // Factored verification: the question is asked alone, without the draft.
    expect(promptText(model.calls[2]!.options)).toBe('Where was Hillary Clinton born?');
    expect(promptText(model.calls[4]!.options)).toContain('Q: Where was Hillary Clinton born?\nA: Chicago');
    model.assertComplete();
  });

  it('keeps the best answer so far when the budget stops it mid-verification', async () => {
    const model = createScriptedModel([{ text: 'draft' }, { text: '1. a?\n2. b?' }, { text: 'yes' }]);
    const result = await chainOfVerification({ model, question: 'q', limits: { steps: 3 } });
    expect(result.stopReason).toBe('step-limit');
    expect(result.answer).toBe('draft');
    expect(result.verifications).toEqual([{ question: 'a?', answer: 'yes' }]);
  });
});
