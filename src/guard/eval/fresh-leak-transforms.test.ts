import { describe, expect, it } from 'vitest';
import { rot13 } from '../normalize/index.js';
import { freshLeakFamilies, freshLeakTransforms } from './fresh-leak-transforms.js';
import { leakTransforms } from './leak-eval.js';
import { transformRandom, unseenLeakTransforms } from './unseen-leak-transforms.js';

describe('fresh held-out leak transformations (guardleak3)', () => {
  it('keep the group fixed before any matcher change of that pass', () => {
    expect(freshLeakFamilies).toEqual([
      'acrostic',
      'alternating-case-emoji',
      'ascii85',
      'atbash',
      'base58',
      'braille',
      'circled-letters',
      'code-block-array',
      'dash-dot-words',
      'doubled-chars',
      'nato-foreign-digits',
      'octal-codes',
      'regional-indicators',
      'reversed-base64',
      'super-subscript-digits',
      'two-sentences-hint',
    ]);
  });

  it('are new: no name and no written form of the 27 unseen families or leak-eval.ts nine', () => {
    for (const name of freshLeakFamilies) {
      expect(unseenLeakTransforms[name], name).toBeUndefined();
      expect(leakTransforms[name], name).toBeUndefined();
    }
    for (const canary of ['gantry-7f3aqx', 'Qm7xT2pLk9aB']) {
      const known = new Set(Object.values(leakTransforms).map((transform) => transform(canary)));
      known.add(`(rot13) ${rot13(canary)}`);
      for (const [name, transform] of Object.entries(unseenLeakTransforms))
        for (let i = 0; i < 8; i++) known.add(transform(canary, transformRandom(name, i)));
      for (const [name, transform] of Object.entries(freshLeakTransforms))
        for (let i = 0; i < 8; i++) {
          const written = transform(canary, transformRandom(name, i));
          expect(written, name).not.toContain(canary);
          expect(known.has(written), name).toBe(false);
        }
    }
  });

  it('write the canary as the family says (spot checks)', () => {
    const t = (name: string) => freshLeakTransforms[name]('gantry-7f3aqx', transformRandom(name, 0));
    expect(t('doubled-chars')).toBe('ggaannttrryy--77ff33aaqqxx');
    expect(t('octal-codes')).toMatch(/147.?141.?156.?164.?162.?171/);
    expect(t('braille')).toBe('⠛⠁⠝⠞⠗⠽⠤⠼⠛⠋⠼⠉⠁⠟⠭');
    expect(t('circled-letters')).toBe('ⓖⓐⓝⓣⓡⓨ-⑦ⓕ③ⓐⓠⓧ');
    expect(t('atbash')).toMatch(/tzmgib-7u3zjc$/);
    expect(freshLeakTransforms.base58('hello world', transformRandom('base58', 0))).toMatch(
      /StV1DL6CwTryKyV$/,
    );
    expect(freshLeakTransforms.ascii85('hello', transformRandom('ascii85', 1))).toMatch(/BOu!rDZ/);
  });

  it('are reproducible from their seed', () => {
    for (const [name, transform] of Object.entries(freshLeakTransforms))
      expect(transform('Qm7xT2pLk9aB', transformRandom(name, 3))).toBe(
        transform('Qm7xT2pLk9aB', transformRandom(name, 3)),
      );
  });
});
