import { describe, expect, it } from 'vitest';
import { createScriptedModel } from '../../model/index.js';
import { promptText } from '../prompt-text.js';
import { selfRefine } from './self-refine.js';

describe('selfRefine', () => {
  it('drafts, takes feedback, refines, and stops when the feedback finds no issues', async () => {
    const model = createScriptedModel([
      { text: 'Draft haiku' },
      { text: 'Line two has 8 syllables.' },
      { text: 'Better haiku' },
      { text: 'NO ISSUES' },
    ]);
    const result = await selfRefine({ model, task: 'Write a haiku.' });
    expect(result.answer).toBe('Better haiku');
    expect(result.stopReason).toBe('accepted');
    expect(result.trace.map((call) => call.role)).toEqual(['drafter', 'critic', 'reviser', 'critic']);
    expect(promptText(model.calls[2]!.options)).toContain('Line two has 8 syllables.');
  });

  it('stops after maximumIterations refinements', async () => {
    const model = createScriptedModel([{ text: 'd0' }, { text: 'fix' }, { text: 'd1' }, { text: 'fix' }]);
    const result = await selfRefine({ model, task: 't', maximumIterations: 1 });
    expect(result.stopReason).toBe('iteration-limit');
    expect(result.answer).toBe('d1');
    model.assertComplete();
  });
});
