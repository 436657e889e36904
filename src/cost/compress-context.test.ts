import { describe, expect, it } from 'vitest';
import { countTokens } from '../model/index.js';
import { compressContext, reorderForLongContext } from './compress-context.js';

const passages = [
  'The Eiffel Tower is in Paris. It was finished in 1889. Many tourists visit it every year.',
  'Bananas are rich in potassium. They grow in tropical regions. Monkeys are said to like them.',
  'Gustave Eiffel built the tower for the 1889 World Fair. The tower is 330 metres tall today.',
];

describe('compressContext', () => {
  it('never exceeds the token target, at any target', () => {
    for (let target = 0; target <= 80; target += 3) {
      const out = compressContext({
        question: 'How tall is the Eiffel Tower?',
        passages,
        targetTokens: target,
      });
      expect(out.tokens).toBeLessThanOrEqual(target);
      expect(countTokens(out.text)).toBe(out.tokens);
    }
  });

  it('keeps the sentences that answer the question and drops unrelated ones', () => {
    const out = compressContext({ question: 'How tall is the Eiffel tower?', passages, targetTokens: 25 });
    expect(out.text).toContain('330 metres tall');
    expect(out.text).not.toContain('Bananas');
    expect(out.originalTokens).toBeGreaterThan(out.tokens);
  });

  it('keeps the original order of sentences and passages', () => {
    const out = compressContext({ question: 'Eiffel tower 1889 tall', passages, targetTokens: 200 });
    expect(out.sources).toEqual([0, 1, 2]);
    expect(out.text.indexOf('Paris')).toBeLessThan(out.text.indexOf('330'));
  });
});

describe('reorderForLongContext', () => {
  it('puts the best chunks at both ends and the weakest in the middle', () => {
    expect(reorderForLongContext([1, 2, 3, 4, 5, 6])).toEqual([1, 3, 5, 6, 4, 2]);
    expect(reorderForLongContext([])).toEqual([]);
  });
});
