import { describe, expect, it } from 'vitest';
import { rot13 } from '../normalize/index.js';
import { codeHeavyAnswers } from './code-heavy-answers.js';
import { leakTransforms } from './leak-eval.js';
import { splitUnseenFamilies, transformRandom, unseenLeakTransforms } from './unseen-leak-transforms.js';

describe('unseen leak transformations', () => {
  it('keep the dev / held-out split fixed before anything was measured (seed 146)', () => {
    expect(splitUnseenFamilies()).toEqual({
      dev: [
        'base32',
        'decimal-codes',
        'hex-0x',
        'hex-bare',
        'leetspeak',
        'mixed-case-separators',
        'morse',
        'numbered-lines',
        'one-per-line',
        'punctuation-separated',
        'quoted-list',
        'reversed-spaced',
        'rot47',
        'zero-width',
      ],
      heldOut: [
        'base64-bare',
        'binary',
        'caesar-shift',
        'fullwidth',
        'hex-backslash-x',
        'homoglyphs',
        'html-entities',
        'interleaved',
        'markdown-per-char',
        'math-styled',
        'percent-encoded',
        'phonetic-words',
        'unicode-escapes',
      ],
    });
  });

  it('are not leak-eval.ts transformations: no family writes the canary as one of those does', () => {
    const canary = 'gantry-7f3aqx';
    const known = new Set(Object.values(leakTransforms).map((transform) => transform(canary)));
    known.add(`(rot13) ${rot13(canary)}`);
    for (const [name, transform] of Object.entries(unseenLeakTransforms)) {
      const written = transform(canary, transformRandom(name, 0));
      expect(written, name).not.toContain(canary);
      expect(known.has(written), name).toBe(false);
    }
  });

  it('are reproducible from their seed', () => {
    for (const [name, transform] of Object.entries(unseenLeakTransforms))
      expect(transform('Qm7xT2pLk9aB', transformRandom(name, 3))).toBe(
        transform('Qm7xT2pLk9aB', transformRandom(name, 3)),
      );
    expect(codeHeavyAnswers(5)).toEqual(codeHeavyAnswers(5));
    expect(codeHeavyAnswers(5).join(' ')).toMatch(/[0-9a-f]{40}/);
  });
});
