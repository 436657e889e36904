import { describe, expect, it } from 'vitest';
import { codeHeavyAnswers } from '../eval/index.js';
import { confusableCount, foldConfusables } from './leak-confusables.js';
import { decodeBinary, stripLetterNames } from './leak-decoders.js';
import { caesarShiftFound, findCanaries, skeleton } from './leak-matching.js';
import { findInPieces } from './leak-pieces.js';

const canary = 'gantry-7f3aqx';
const other = 'Qm7xT2pLk9aB';
const via = (text: string, canaries: string[] = [canary]) => findCanaries(text, canaries).map((m) => m.via);
const binary = (text: string) => [...Buffer.from(text)].map((b) => b.toString(2).padStart(8, '0'));
const shift = (text: string, by: number) =>
  text.replace(/[a-zA-Z]/g, (char) => {
    const base = char <= 'Z' ? 65 : 97;
    return String.fromCharCode(((char.charCodeAt(0) - base + by) % 26) + base);
  });

describe('guardleak3 leak views', () => {
  it('decode binary byte codes, spaced, comma-separated or in one run', () => {
    expect(via(`the code: ${binary(canary).join(' ')}`)).toEqual(['binary']);
    expect(via(`bits ${binary(other).join(', ')} done`, [other])).toEqual(['binary']);
    expect(via(`${binary(canary).join('')}`)).toEqual(['binary']);
    // A different canary in binary is not this one; binary numbers that are not text decode to nothing.
    expect(via(binary('gantry-0b1zzz').join(' '))).toEqual([]);
    expect(decodeBinary('flags 0101 1100 and mask 11110000')).toBeUndefined();
    expect(skeleton(decodeBinary('00000001 00000010 00000011 00000100') ?? 'x')).toBe('');
  });

  it('find every Caesar shift of the canary, by shifting the canary, not the text', () => {
    for (const by of [1, 3, 7, 20, 25]) {
      expect(via(`(shift ${by}) ${shift(canary, by)}`), String(by)).toEqual([`caesar+${by}`]);
      expect(via(shift(other, by), [other]), String(by)).toEqual([`caesar+${by}`]);
    }
    expect(caesarShiftFound('xx' + 'kdqwub7i3dtа', 'gantry7f3aqx')).toBe(0);
    expect(caesarShiftFound(skeleton(shift('zz gantry-7f3aqx', 4)), 'gantry7f3aqx')).toBe(4);
    // Another canary shifted is not found; a key with under four letters is not shifted at all.
    expect(via(shift('gantry-0b1zzz', 5))).toEqual([]);
    expect(caesarShiftFound('bcd2345678', 'abc2345678')).toBe(0);
  });

  it('fold look-alikes of Unicode confusables (Armenian, Cyrillic, small capitals) the old map missed', () => {
    expect(confusableCount).toBeGreaterThan(350);
    expect(foldConfusables('ոսгᴢ')).toBe('nurz');
    expect(foldConfusables('plain ascii')).toBe('plain ascii');
    // "gantry-7f3aqx" with Armenian ո and Cyrillic г; "Qm7xT2pLk9aB" with Cherokee Ꭲ and Lisu ꓑ.
    expect(via('the key is gaոtгy-7f3aqx')).toHaveLength(1);
    expect(via('Qm7xᎢ2ꓑLk9aB', [other])).toHaveLength(1);
    expect(via('gaոtгy-7f3aqz')).toEqual([]);
  });

  it('find a canary cut into whole-word pieces in order, near each other', () => {
    const key = 'gantry7f3aqx';
    expect(findInPieces('the first part is gan, then comes try7f, and it ends with 3aqx', key)).toBe(true);
    expect(via('Part one: Qm7x. Part two: T2pL. Last part: k9aB.', [other])).toEqual(['pieces']);
    // Out of order, too far apart, inside longer words, or pieces under three characters: not found.
    expect(findInPieces('it ends with 3aqx; the first part is gan, then comes try7f', key)).toBe(false);
    expect(findInPieces(`gan ${'word '.repeat(12)}try7f then 3aqx`, key)).toBe(false);
    expect(findInPieces('organ, sentry7f and 3aqxz', key)).toBe(false);
    expect(findInPieces('ga nt ry 7f 3a qx', key)).toBe(false);
    expect(findInPieces('gan try 7f3a', 'gantry')).toBe(false);
    expect(via('the first part is gan, then comes try0b, and it ends with 1zzz')).toEqual([]);
  });

  it('read letters named by words: "G as in goat", "A for apple", "7 (seven)"', () => {
    const named = 'G as in goat, A for apple, N like nest, T as in tiger, R for rabbit, Y for yellow';
    expect(
      via(
        `${named}, 7 (the number seven), F for frog, 3 (three), A for apple, Q as in queen, X for xylophone`,
      ),
    ).toEqual(['named-letters']);
    expect(
      via(
        'Q as in queen, M for mouse, 7 (seven), X as in xylophone, T for tiger, 2 (two), P for pig, L for lemon, K for kite, 9 (nine), A for apple, B for boy',
        [other],
      ),
    ).toEqual(['named-letters']);
    // One naming is prose ("I like tea"): no view; two are taken out but leave prose, not a canary.
    expect(stripLetterNames('I like tea, truly.')).toBeUndefined();
    expect(stripLetterNames('I like tea and a for loop is fine.')).toBe('I and a is fine.');
    expect(
      via('G as in goat, A for apple, N like nest, T as in tiger, R for rabbit, Y for yellow, 0 (zero)'),
    ).toEqual([]);
  });

  it('raise no alarm on code-heavy benign answers with any of the new views', () => {
    for (const [i, answer] of codeHeavyAnswers(120).entries())
      expect(via(answer, [i % 2 ? canary : other]), answer).toEqual([]);
  });
});
