import { describe, expect, it } from 'vitest';
import { GantryError } from '../errors/index.js';
import { createReplayedModel } from './replayed-model.js';
import { selfConsistency } from './self-consistency.js';

describe('createReplayedModel', () => {
  it('plays the recorded answers of the question found in the prompt, in order', async () => {
    const model = createReplayedModel({
      recordings: new Map([
        [
          'How many legs has a cat?',
          [
            { text: '#### 4', source: 'a' },
            { text: '#### 3', source: 'b' },
            { text: '#### 4', source: 'c' },
          ],
        ],
        ['How many legs has a bird?', [{ text: '#### 2' }]],
      ]),
    });
    const result = await selfConsistency({
      model,
      question: 'How many legs has a cat?',
      samples: 3,
      earlyStop: false,
    });
    expect(result.sampled?.map((sample) => sample.key)).toEqual(['4', '3', '4']);
    expect(result.answer).toBe('4');
    const bird = await selfConsistency({ model, question: 'How many legs has a bird?', samples: 1 });
    expect(bird.answer).toBe('2');
  });

  it('fails clearly for a prompt without a recording', async () => {
    const model = createReplayedModel({ recordings: new Map([['What is one?', [{ text: '1' }]]]) });
    await expect(selfConsistency({ model, question: 'unknown', samples: 1 })).rejects.toSatisfy(
      (error: unknown) => GantryError.isInstance(error) && error.code === 'REASON_OPTIONS_INVALID',
    );
  });
});
