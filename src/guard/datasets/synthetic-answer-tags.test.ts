import { describe, expect, it } from 'vitest';
import { syntheticAnswerTags, syntheticAnswerWords } from './synthetic-answer-tags.js';

describe('syntheticAnswerTags', () => {
  it('gives the same records for the same count and seed, and others for another seed', () => {
    expect(syntheticAnswerTags(300)).toEqual(syntheticAnswerTags(300));
    expect(syntheticAnswerTags(300, 18)).not.toEqual(syntheticAnswerTags(300));
  });

  it('marks whole capitalised names as PERSON and nothing else; about namedShare of the records hold one', () => {
    const records = syntheticAnswerTags(2000, 17, 0.5);
    const named = records.filter((record) => record.spans.length > 0);
    expect(named.length / records.length).toBeGreaterThan(0.45);
    expect(named.length / records.length).toBeLessThan(0.55);
    for (const record of named) {
      for (const span of record.spans) {
        expect(span.type).toBe('PERSON');
        expect(record.text.slice(span.start, span.end)).toMatch(/^\p{Lu}\p{Ll}+( \p{Lu}\p{Ll}+)?$/u);
        // The span is a whole name: no letter touches it.
        expect(record.text[span.start - 1] ?? ' ').not.toMatch(/\p{L}/u);
        expect(record.text[span.end] ?? ' ').not.toMatch(/\p{L}/u);
      }
    }
    expect(new Set(records.map((record) => record.templateId)).size).toBe(records.length);
    expect(records.every((record) => record.split === 'train' && record.templateId < 0)).toBe(true);
  });

  it('opens O sentences with the word classes (one-word replies, imperatives after a full stop, list items)', () => {
    const plain = syntheticAnswerTags(2000)
      .filter((record) => record.spans.length === 0)
      .map((r) => r.text);
    const words = new Set(syntheticAnswerWords());
    expect(plain.filter((text) => words.has(text.replace(/[.!]+$/, ''))).length).toBeGreaterThan(50);
    expect(plain.some((text) => /[a-z]\. Knead /.test(text) || /^Knead /.test(text))).toBe(true);
    expect(plain.some((text) => text.startsWith('1. ') && text.includes('\n2. '))).toBe(true);
  });
});
