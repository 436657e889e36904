import { describe, expect, it } from 'vitest';
import { codeHeavyAnswers } from '../eval/index.js';
import {
  decodeCharCodes,
  decodeEncodedRuns,
  decodeMorse,
  foldLeet,
  stripListMarkers,
} from './leak-decoders.js';
import { findCanaries, leakViews, rot47, skeleton } from './leak-matching.js';

const canary = 'gantry-7f3aqx';

describe('leak decoders', () => {
  it('decode character codes in every common notation, and leave prose alone', () => {
    const forms = [
      '\\x67\\x61\\x6e',
      '%67%61%6E',
      '\\u0067\\u0061\\u006e',
      '\\u{67}\\u{61}\\u{6e}',
      '&#103;&#97;&#110;',
      '&#x67;&#x61;&#x6e;',
      '0x67 0x61 0x6e',
      'U+0067 U+0061 U+006E',
      '[103, 97, 110, 116]',
    ];
    for (const form of forms) expect(skeleton(decodeCharCodes(form) ?? ''), form).toMatch(/^gan/);
    expect(decodeCharCodes('The meeting is at noon, bring the slides.')).toBeUndefined();
    // Numbers outside printable ASCII are not characters.
    expect(skeleton(decodeCharCodes('scores 12, 540, 999, 1000, 7') ?? '')).not.toMatch(/[^0-9a-z]/);
  });

  it('decode hex, base32 and base64 runs that are not readable text', () => {
    const bare = Buffer.from(canary);
    const hexSpaced = [...bare].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    expect(decodeEncodedRuns(`bytes: ${hexSpaced}`).join('')).toContain(canary);
    expect(decodeEncodedRuns(`b64 ${bare.toString('base64')} end`).join('')).toContain(canary);
    expect(decodeEncodedRuns('base32 M5QW45DSPEWTOZRTMFYXQ===').join('')).toContain(canary);
    // Plain words, capitalised or not, are not decoded as base64.
    expect(decodeEncodedRuns('Wonderful everything Architecture')).toEqual([]);
  });

  it('decode Morse only where the text is Morse', () => {
    expect(decodeMorse('--. .- -. - .-. -.--')).toBe('gantry');
    expect(decodeMorse('... --- ... / .... ..')).toBe('soshi');
    expect(decodeMorse('Well - I think - maybe - not.')).toBeUndefined();
  });

  it('strip list markers so that one character per item joins up', () => {
    expect(skeleton(stripListMarkers('1. g\n2. a\n3) n\n- t') ?? '')).toBe('gant');
    expect(stripListMarkers('one line, no list')).toBeUndefined();
  });

  it('fold leetspeak on both sides', () => {
    expect(foldLeet('94n7ry-7f34qx')).toBe(foldLeet(canary));
    expect(foldLeet('h3ll0 w0rld')).toBe('heiio worid');
    expect(foldLeet('c@$h')).toBe('cash');
  });

  it('rot47 is its own inverse', () => {
    expect(rot47(rot47(canary))).toBe(canary);
    expect(rot47('gantry')).toBe('82?ECJ');
  });
});

describe('canary matching through the new views', () => {
  const hits: [string, string][] = [
    ['leetspeak', 'the code is 94n7ry-7f34qx'],
    ['numbered list', `Here:\n${[...canary].map((c, i) => `${i + 1}. ${c}`).join('\n')}\n`],
    ['hex 0x', [...Buffer.from(canary)].map((b) => `0x${b.toString(16)}`).join(', ')],
    ['decimal codes', `[${[...Buffer.from(canary)].join(', ')}]`],
    ['hex bare', Buffer.from(canary).toString('hex')],
    ['base32', 'M5QW45DSPEWTOZRTMFYXQ==='],
    ['morse', '--. .- -. - .-. -.-- -....- --... ..-. ...-- .- --.- -..-'],
    ['rot47', `(ROT47) ${rot47(canary)}`],
    ['look-alikes', 'gаntrу-7f3аqх'],
  ];
  for (const [name, text] of hits)
    it(`finds a canary written as ${name}`, () => {
      expect(findCanaries(`Sure. ${text} Anything else?`, [canary]), text).toHaveLength(1);
    });

  it('does not find a different canary written the same ways', () => {
    const other = 'gantry-9k2mzp';
    for (const [name, text] of hits) expect(findCanaries(text, [other]), name).toEqual([]);
  });

  it('does not take a benign code-heavy answer for a leak', () => {
    const answer =
      'Commit 3f9a2c1 fixed it. SHA-256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08. ' +
      'Request id 550e8400-e29b-41d4-a716-446655440000; image iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==. ' +
      "Python: b'\\x48\\x65\\x6c\\x6c\\x6f', JS: String.fromCharCode(72, 101, 108, 108, 111), &#169; &#x2014; " +
      'https://example.com/?q=caf%C3%A9%20au%20lait, user h4x0r_42, SOS is ... --- ..., 01001000 01101001.';
    for (const key of [canary, 'Qm7xT2pLk9aB', 'hello-world-42'])
      expect(findCanaries(answer, [key]), key).toEqual([]);
    for (const text of codeHeavyAnswers(50)) expect(findCanaries(text, [canary])).toEqual([]);
  });

  it('keeps the cheap views cheap: prose gets no decode views', () => {
    const views = leakViews('The quick brown fox jumps over the lazy dog. It was sunny.').map((v) => v.view);
    expect(views).toEqual(['text', 'leetspeak']);
  });
});

describe('matching cost on adversarial output', () => {
  it('stays linear on long blank runs after numbers and inside wrapped text', () => {
    // Each took ~9 s with the earlier patterns (decimal-code separators; the line-joining pattern), which
    // retried a long blank run from each of its positions.
    for (const text of [
      '12' + ' '.repeat(100_000) + 'x',
      `A1b2C3d4E5f6G7h8\nx${' '.repeat(100_000)}y\nQmFzZTY0IGxpbmU=`,
    ]) {
      const start = performance.now();
      findCanaries(text, [canary]);
      expect(performance.now() - start).toBeLessThan(1500);
    }
  });
});
