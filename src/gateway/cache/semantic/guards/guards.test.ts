import { describe, expect, it } from 'vitest';
import { promptTokens } from '../prompt-tokens.js';
import { falseHitGuards } from './index.js';

function conflicts(name: keyof typeof falseHitGuards, asked: string, cached: string): boolean {
  const guard = falseHitGuards[name];
  return guard.conflicts(guard.facts(promptTokens(asked), asked), guard.facts(promptTokens(cached), cached));
}

describe('false-hit guards', () => {
  it('negation: a negated question or an antonym is not the same question', () => {
    expect(conflicts('negation', 'Why is my printer not printing?', 'Why is my printer printing?')).toBe(
      true,
    );
    expect(conflicts('negation', "Why can't I sleep at night?", 'Why can I sleep at night?')).toBe(true);
    expect(conflicts('negation', 'How do I turn off dark mode?', 'How do I turn on dark mode?')).toBe(true);
    expect(conflicts('negation', 'What are the pros of Rust?', 'What are the cons of Rust?')).toBe(true);
    expect(conflicts('negation', "Why doesn't my code compile?", 'Why does my code not compile?')).toBe(
      false,
    );
    expect(conflicts('negation', 'How do I turn on dark mode?', 'How can I turn on the dark mode?')).toBe(
      false,
    );
  });

  it('numbers: different quantities or versions are different questions', () => {
    expect(conflicts('numbers', 'What are the top 5 books?', 'What are the top 10 books?')).toBe(true);
    expect(conflicts('numbers', 'Is $500 enough for a laptop?', 'Is $5,000 enough for a laptop?')).toBe(true);
    expect(conflicts('numbers', 'What are the top five books?', 'What are the top 5 books?')).toBe(false);
    expect(conflicts('numbers', 'Is $5,000 enough?', 'Is $5000 enough?')).toBe(false);
  });

  it('dates: another year, month, weekday or relative day is another question', () => {
    expect(conflicts('dates', 'Who won the election in 2016?', 'Who won the election in 2020?')).toBe(true);
    expect(conflicts('dates', 'What is the weather today?', 'What is the weather tomorrow?')).toBe(true);
    expect(conflicts('dates', 'What happened last week?', 'What happened last month?')).toBe(true);
    expect(conflicts('dates', 'Is the shop open on Monday?', 'Is the shop open on Sunday?')).toBe(true);
    expect(
      conflicts('dates', 'Who won the election in 2016?', 'Who was the winner of the 2016 election?'),
    ).toBe(false);
    expect(conflicts('dates', 'May I ask a question?', 'Can I ask a question?')).toBe(false);
  });

  it('entities: a different name, acronym or product is another question', () => {
    expect(conflicts('entities', 'How does Java compare to C#?', 'How does Java compare to C++?')).toBe(true);
    expect(
      conflicts('entities', 'What is the scope after mastering c++?', 'What is the scope after mastering c?'),
    ).toBe(true);
    expect(
      conflicts(
        'entities',
        'Which city is better, Mumbai or Delhi?',
        'Which city is better, Mumbai or Pune?',
      ),
    ).toBe(true);
    expect(conflicts('entities', 'Is the iPhone 7 waterproof?', 'Is the iphone7 waterproof?')).toBe(true);
    // Case does not matter: a lower-case name in the other prompt still counts as present.
    expect(
      conflicts('entities', 'Which city is better, Mumbai or Delhi?', 'which is better mumbai or delhi'),
    ).toBe(false);
  });

  it('output form: a table, code, another language or another question word is another answer', () => {
    expect(conflicts('output-form', 'Explain recursion', 'Explain recursion as a table')).toBe(true);
    expect(conflicts('output-form', 'Sort a list in Python', 'Sort a list in JavaScript')).toBe(true);
    expect(conflicts('output-form', 'Describe Paris in French', 'Describe Paris in Spanish')).toBe(true);
    expect(conflicts('output-form', 'Why do deer make sounds?', 'How do deer make sounds?')).toBe(true);
    expect(conflicts('output-form', 'Give me a short summary of Hamlet', 'Summarize Hamlet briefly')).toBe(
      false,
    );
  });

  it('content words: a qualifier added or a topic swapped is another question', () => {
    expect(
      conflicts(
        'content-words',
        'What is the best animation software?',
        'What is the best animation software for kids?',
      ),
    ).toBe(true);
    expect(
      conflicts('content-words', 'What is a good way to study?', 'What is the good way of studying?'),
    ).toBe(false);
  });
});
