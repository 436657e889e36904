import { describe, expect, it } from 'vitest';
import { GantryError } from '../../errors/index.js';
import { markdownChunker, recursiveTokenChunker, sentenceWindowChunker, splitSentences } from './index.js';

// One token per word: makes sizes and overlaps countable by eye.
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('recursiveTokenChunker', () => {
  it('splits words with overlap: "foo bar baz 123", size 2, overlap 1', () => {
    const chunk = recursiveTokenChunker({ size: 2, overlap: 1, countTokens: words });
    expect(chunk('foo bar baz 123').map((c) => c.text)).toEqual(['foo bar', 'bar baz', 'baz 123']);
  });

  it('keeps the overlap after a chunk that exactly fills the size (langchainjs #11702)', () => {
    const chunk = recursiveTokenChunker({ size: 3, overlap: 1, countTokens: words, separators: [' '] });
    expect(chunk('a b c d e').map((c) => c.text)).toEqual(['a b c', 'c d e']);
  });

  it('returns one chunk when the text fits exactly, none for blank text', () => {
    const chunk = recursiveTokenChunker({ size: 4, overlap: 1, countTokens: words });
    expect(chunk('one two three four').map((c) => c.text)).toEqual(['one two three four']);
    expect(chunk('  \n\n ')).toEqual([]);
  });

  it('prefers paragraph breaks and never exceeds the size', () => {
    const chunk = recursiveTokenChunker({ size: 5, overlap: 0, countTokens: words });
    const text = 'alpha beta gamma.\n\ndelta epsilon zeta eta.\n\ntheta iota kappa lambda mu nu xi omicron';
    const chunks = chunk(text).map((c) => c.text);
    expect(chunks[0]).toBe('alpha beta gamma.');
    // Small pieces are packed: the next paragraph's first word still fits beside the second.
    expect(chunks[1]).toBe('delta epsilon zeta eta.\n\ntheta');
    expect(chunks.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
    for (const text of chunks) expect(words(text)).toBeLessThanOrEqual(5);
  });

  it('cuts a run without separators by characters', () => {
    const chunk = recursiveTokenChunker({ size: 4, overlap: 0, countTokens: (text) => text.length });
    expect(chunk('abcdefghij').map((c) => c.text)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('counts each character a bounded number of times, however long a run without separators', () => {
    let counted = 0;
    const countTokens = (text: string) => {
      counted += text.length;
      return Math.ceil(text.length / 3);
    };
    const run = 'x{"a":1,"b":[2,3]}'.repeat(20_000);
    const text = `intro paragraph.\n\n${run}\n\nlast line`;
    const chunks = recursiveTokenChunker({ size: 512, overlap: 64, countTokens })(text);
    for (const c of chunks) expect(countTokens(c.text)).toBeLessThanOrEqual(512);
    // Before: the longest-prefix search counted the rest of the run for every piece (~10,000 x).
    expect(counted / text.length).toBeLessThan(4);
    const exact = recursiveTokenChunker({ size: 512, overlap: 0, countTokens })(text);
    expect(
      exact
        .map((c) => c.text)
        .join('')
        .replace(/\s/g, ''),
    ).toBe(text.replace(/\s/g, ''));
  });

  it('rejects overlap ≥ size and non-positive sizes', () => {
    for (const options of [
      { size: 10, overlap: 10 },
      { size: 10, overlap: 12 },
      { size: 0, overlap: 0 },
      { size: 5, overlap: -1 },
    ]) {
      try {
        recursiveTokenChunker(options);
        expect.unreachable();
      } catch (error) {
        expect(GantryError.isInstance(error) && error.code).toBe('RAG_CHUNKER_INVALID');
      }
    }
  });

  it('counts real BPE tokens by default', () => {
    const chunks = recursiveTokenChunker({ size: 8, overlap: 2 })(
      'The quick brown fox jumps over the lazy dog. '.repeat(4),
    );
    expect(chunks.length).toBeGreaterThan(3);
  });
});

describe('markdownChunker', () => {
  it('joins a heading-only section to the next one instead of emitting a bare title', () => {
    const chunk = markdownChunker({ size: 50, overlap: 0, countTokens: words });
    const chunks = chunk(
      '# Key rotation\n\n## Steps\nRotate the key every 90 days.\n## Notes\nKeep the old key a day.',
    );
    expect(chunks.map((c) => c.text)).toEqual([
      '# Key rotation\n\n## Steps\nRotate the key every 90 days.',
      '## Notes\nKeep the old key a day.',
    ]);
    expect(chunks[0].metadata.headingPath).toEqual(['Key rotation', 'Steps']);
    expect(chunk('# Only a title').map((c) => c.text)).toEqual(['# Only a title']);
  });

  it('keeps the heading path and ignores # inside code fences', () => {
    const chunk = markdownChunker({ size: 50, overlap: 0, countTokens: words });
    const chunks = chunk(
      '# Guide\nintro\n## Install\n```sh\n# not a heading\n```\n### Linux\napt\n## Use\nrun it',
    );
    expect(chunks.map((c) => [c.metadata.headingPath, c.text.split('\n')[0]])).toEqual([
      [['Guide'], '# Guide'],
      [['Guide', 'Install'], '## Install'],
      [['Guide', 'Install', 'Linux'], '### Linux'],
      [['Guide', 'Use'], '## Use'],
    ]);
    expect(chunks[1].text).toContain('# not a heading');
  });
});

describe('sentenceWindowChunker', () => {
  it('splits sentences (not at abbreviations) and keeps a window around each', () => {
    expect(splitSentences('Dr. Smith came. He saw e.g. birds! Did he? Yes.')).toEqual([
      'Dr. Smith came.',
      'He saw e.g. birds!',
      'Did he?',
      'Yes.',
    ]);
    const chunks = sentenceWindowChunker({ window: 1 })('One is here. Two is here. Three is here.');
    expect(chunks[1]).toEqual({
      text: 'Two is here.',
      metadata: { chunkIndex: 1, window: 'One is here. Two is here. Three is here.' },
    });
    expect(chunks[0].metadata.window).toBe('One is here. Two is here.');
  });
});
