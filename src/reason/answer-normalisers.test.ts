import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { choiceAnswer, numericAnswer, textAnswer } from './answer-normalisers.js';
import { checkArithmetic } from './verify/arithmetic-check.js';

// Real recorded answers from the GSM8K dataset (gpt-4 prose, Mixtral few-shot, GPT-3 "A:").
const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/gsm8k-answers.json', import.meta.url), 'utf8'),
) as {
  answers: { row: number; source: string; text: string; expected: string }[];
};

describe('numericAnswer', () => {
  it.each(fixture.answers.map((answer) => [answer.source, answer.row, answer] as const))(
    'reads the answer of %s on question %i',
    (_source, _row, answer) => {
      expect(numericAnswer(answer.text)).toBe(answer.expected);
    },
  );

  it('prefers an explicit marker to the last number, and normalises $, commas and decimals', () => {
    expect(numericAnswer('#### $20.00\nThat is 3 more than 17.')).toBe('20');
    expect(numericAnswer('The total is 1,234 dollars')).toBe('1234');
    expect(numericAnswer('so \\boxed{-3} is it, not 4')).toBe('-3');
    expect(numericAnswer('A: 0.50')).toBe('0.5');
    expect(numericAnswer('no number here')).toBeUndefined();
  });

  it('finds no arithmetic error in the real GPT-3 solution (calculator annotations)', () => {
    const gpt3 = fixture.answers.find((answer) => answer.source === '175b_verification')!;
    expect(checkArithmetic(gpt3.text)).toMatchObject({ checked: 4, wrong: 0 });
  });
});

describe('choiceAnswer and textAnswer', () => {
  it('reads choice letters and normalises short text', () => {
    expect(choiceAnswer('The answer is (c).')).toBe('C');
    expect(choiceAnswer('B')).toBe('B');
    expect(choiceAnswer('I am not sure')).toBeUndefined();
    expect(textAnswer('  The Eiffel Tower! ')).toBe('eiffel tower');
  });
});
