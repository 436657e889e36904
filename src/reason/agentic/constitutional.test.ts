import { describe, expect, it } from 'vitest';
import { createScriptedModel } from '../../model/index.js';
import { promptText } from '../prompt-text.js';
import { constitutionalPolicy, constitutionalRevision } from './constitutional.js';

const principles = ['Do not give medical dosages.', 'Suggest a professional for health questions.'];

describe('constitutional critique-and-revise', () => {
  it('critiques against the principles, revises, and accepts the compliant revision', async () => {
    const model = createScriptedModel([
      { text: 'Violates 1: gives a dosage. Violates 2.' },
      { text: 'Please ask a pharmacist about the right amount.' },
      { text: 'NO VIOLATIONS' },
    ]);
    const result = await constitutionalRevision({
      model,
      text: 'Take 800 mg every 2 hours.',
      principles,
      request: 'How much ibuprofen?',
    });
    expect(result.answer).toBe('Please ask a pharmacist about the right amount.');
    expect(result.revised).toBe(true);
    expect(result.trace.map((call) => call.role)).toEqual(['critic', 'reviser', 'critic']);
    expect(promptText(model.calls[0]!.options)).toContain('1. Do not give medical dosages.');
  });

  it('as an output policy: passes compliant text through with one call, flags what it cannot fix', async () => {
    const policy = constitutionalPolicy({
      model: createScriptedModel([{ text: 'NO VIOLATIONS' }]),
      principles,
    });
    expect(await policy('See a doctor.')).toMatchObject({
      text: 'See a doctor.',
      revised: false,
      compliant: true,
    });
    const stubborn = constitutionalPolicy({
      model: createScriptedModel([{ text: 'Violates 1' }, { text: 'Take 400 mg.' }, { text: 'Violates 1' }]),
      principles,
      maximumRevisions: 1,
    });
    const flagged = await stubborn('Take 800 mg.');
    expect(flagged).toMatchObject({ text: 'Take 400 mg.', revised: true, compliant: false });
    expect(flagged.result.stopReason).toBe('iteration-limit');
  });
});
