// Toxicity reads a long text's sentences from the scan the prompt tasks made of the whole text
// (src/guard/classifier/piece-features.ts) instead of scanning each sentence again. The numbers must be
// the frozen code's to the bit (test/guard-reference: the old pieces, each scanned by the old text
// features), for the policy's order (prompt tasks, then toxicity) and for any piece of any text: random
// cuts, mid-word cuts (the cut words hashed on their own), whitespace runs at the edges, final sigma, "İ", astral
// characters, lone surrogates and texts past the 4,000-character scan limit.
import { describe, expect, it } from 'vitest';
import { pieceBelow, piecePositive, predictTextPositives } from '../src/guard/classifier/index.js';
import { loadDavidson, loadPresidioSynth, locateDatasets } from '../src/guard/datasets/index.js';
import { kilobyteTexts } from '../src/guard/eval/index.js';
import { normalizeText } from '../src/guard/normalize/index.js';
import {
  clearPromptTaskCache,
  scorePromptTasks,
  shippedTaskModels,
  shippedToxicityModel,
  toxicityScanner,
  toxicityScore,
} from '../src/guard/scanners/index.js';
import { pieceRanges } from '../src/guard/scanners/toxicity-scanner.js';
import { predictTextPositive as oldPositive } from './guard-reference/text-features.js';
import { pieces as oldPieces, toxicityOfNormalized } from './guard-reference/toxicity-pieces.js';
import { everyNth, promptTexts } from './guard-sample.js';

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

function randomTexts(count: number, seed: number, alphabet: readonly string[], maxLength: number): string[] {
  const next = seeded(seed);
  return Array.from({ length: count }, () => {
    let text = '';
    const length = Math.floor(next() * maxLength);
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
    return text;
  });
}

const words = ['you', 'are', 'an', 'idiot', 'hate', "don't", 'it’s', 'ok', 'Straße', 'ΣΑΣ', 'İstanbul', '😀'];
const separators = [
  ' ',
  ' ',
  ' ',
  '. ',
  '.\n',
  '\n\n',
  '!  ',
  '?\t',
  '\n',
  ', ',
  "'",
  '’',
  '-',
  '\u2028',
  '\u00a0',
];
const alphabet = [...words, ...separators, 'a', 'B', '1', '\ud800', '\udc00', '中', 'ſ', 'K'];
// Without "İ" (texts holding one are always scanned piece by piece).
const plainAlphabet = alphabet.filter((w) => !/İ/.test(w));
const greekAlphabet = [...plainAlphabet, 'Σ', 'ΑΣ', 'σ', 'ς', '\u0301', "Σ'", '.Σ', ':'];
// Where a cut word's end is decided: apostrophes before letters, astral letters ("𠀀") and emoji, lone
// halves of surrogate pairs, words glued by punctuation.
const cutAlphabet = [
  ...plainAlphabet,
  "'",
  '’',
  '𠀀',
  "'𠀀",
  "a'😀",
  "b'\ud83d",
  'can’t',
  '\ud83d',
  '\ude00',
  'ab',
  'cd',
  '12',
  '.',
  ',',
  'ΑΣ',
  'xx-yy',
];

const edgeCases = [
  '',
  'short text',
  `${'word '.repeat(70)}end`,
  `  leading spaces. ${'then a sentence. '.repeat(30)}`,
  `${'one sentence after another.\n\n'.repeat(20)}tail\n\n`,
  `${'x'.repeat(300)} ${'y'.repeat(300)}`,
  `${'a long sentence without any stop '.repeat(30)}`,
  `${'Σίσυφος was here. '.repeat(30)}`,
  `${'İstanbul is big. '.repeat(30)}`,
  `${"ΟΔΥΣΣΕΥΣ. ΑΣ.Σ Σ'Σ ΑΣ\u0301 Σ ΑΣ:Α ΛΕΥΚΩΣΙΑ. ".repeat(12)}`,
  ...Array.from({ length: 30 }, (_, i) => `${'ΑΣ '.repeat(i)}${'word ΣΑΣ. '.repeat(40)}`),
  `${'emoji 😀 and \ud800 lone. '.repeat(30)}`,
  `${'past the limit of the scan. '.repeat(200)}`,
  `${'tabs\tand\u00a0spaces  . '.repeat(40)}`,
];

const datasets = locateDatasets();
function datasetTexts(root: string): string[] {
  const prompts = promptTexts(root);
  const long = (list: string[]) => list.filter((t) => t.length > 280);
  return [
    ...everyNth(long(prompts), 300),
    ...everyNth(
      loadDavidson(root).map((r) => r.text),
      50,
    ),
    ...kilobyteTexts(
      everyNth(prompts, 400).concat(
        everyNth(
          loadPresidioSynth(root).map((r) => r.text),
          200,
        ),
      ),
      157,
    ),
  ];
}

const texts = [
  ...edgeCases,
  ...randomTexts(50, 7, alphabet, 1200),
  ...randomTexts(100, 8, plainAlphabet, 1200),
  ...randomTexts(20, 9, plainAlphabet, 6000),
  ...randomTexts(100, 10, greekAlphabet, 900),
  ...randomTexts(100, 11, cutAlphabet, 900),
  ...(datasets ? datasetTexts(datasets) : []),
];

describe('toxicity pieces read from the prompt tasks’ scan: the frozen numbers', () => {
  toxicityScanner();
  const toxicity = shippedToxicityModel();

  it('pieceRanges cuts the frozen pieces', () => {
    for (const text of texts) {
      const normalized = normalizeText(text).text;
      const ranges = pieceRanges(normalized);
      const cut: string[] = [];
      for (let p = 0; p < ranges.length; p += 2) cut.push(normalized.slice(ranges[p], ranges[p + 1]));
      expect(cut).toEqual(oldPieces(normalized));
    }
  });

  it(`the policy's order (prompt tasks, then toxicity) gives the frozen toxicity (${texts.length} texts)`, () => {
    const differing: string[] = [];
    let read = 0;
    let pieces = 0;
    for (const text of texts) {
      clearPromptTaskCache();
      scorePromptTasks(text);
      const normalized = normalizeText(text).text;
      const ranges = pieceRanges(normalized);
      for (let p = 0; p < ranges.length; p += 2) {
        pieces++;
        if (piecePositive(toxicity, normalized, ranges[p], ranges[p + 1]) !== undefined) read++;
      }
      if (!Object.is(toxicityScore(text), toxicityOfNormalized(normalized, toxicity)))
        differing.push(JSON.stringify(text.slice(0, 60)));
    }
    expect(differing).toEqual([]);
    // Most pieces are read from the scan (what the change is for).
    expect(read).toBeGreaterThan(pieces * 0.6);
  });

  it('any piece of any text: read from the scan, the same number as scanning it; or left to the scan', () => {
    const next = seeded(3);
    const models = Object.values(shippedTaskModels());
    const differing: string[] = [];
    let read = 0;
    let tried = 0;
    let sigma = 0;
    let sigmaRead = 0;
    let cutRead = 0;
    const notRead: string[] = [];
    for (const text of texts) {
      if (text.length === 0) continue;
      predictTextPositives(models, text, true);
      const lower = text.slice(0, 4000).toLowerCase();
      if (/Σ/.test(text)) sigma++;
      for (let k = 0; k < 40; k++) {
        const start = Math.floor(next() * text.length);
        const end = Math.min(text.length, start + 1 + Math.floor(next() * 400));
        tried++;
        const fast = piecePositive(toxicity, text, start, end);
        // Left to the scan only where the text has an "İ", the piece runs past the 4,000-character
        // scan, or the piece lower-cases otherwise than the scan's text (final sigma at a cut word).
        if (fast === undefined) {
          if (
            lower.length === Math.min(text.length, 4000) &&
            end <= lower.length &&
            text.slice(start, end).toLowerCase() === lower.slice(start, end)
          )
            notRead.push(`${JSON.stringify(text.slice(start, end).slice(0, 40))} [${start}, ${end})`);
          continue;
        }
        read++;
        const space = /\s/;
        const cut =
          (start > 0 && !space.test(text[start - 1]) && !space.test(text[start])) ||
          (end < text.length && !space.test(text[end - 1]) && !space.test(text[end]));
        if (cut) cutRead++;
        if (/Σ/.test(text.slice(start, end))) sigmaRead++;
        // What reading from the scan assumes: the piece lower-cases to the scan's lower-cased text.
        if (text.slice(start, end).toLowerCase() !== lower.slice(start, end))
          differing.push(`lower-case ${JSON.stringify(text.slice(start, end).slice(0, 40))}`);
        if (!Object.is(fast, oldPositive(toxicity, text.slice(start, end))))
          differing.push(`${JSON.stringify(text.slice(start, end).slice(0, 40))} [${start}, ${end})`);
      }
      // Without a kept scan of this text (another text scanned since), nothing is read.
      predictTextPositives(models, `${text}x`, true);
      expect(piecePositive(toxicity, text, 0, Math.min(10, text.length))).toBeUndefined();
    }
    expect(differing).toEqual([]);
    expect(notRead).toEqual([]);
    expect(read).toBeGreaterThan(tried * 0.5);
    // Pieces that cut a word at an edge (toxicity's windows of a long sentence) are read too.
    expect(cutRead).toBeGreaterThan(tried * 0.3);
    // Final sigma is exercised: pieces holding "Σ" are read from the scan.
    expect(sigma).toBeGreaterThan(50);
    expect(sigmaRead).toBeGreaterThan(200);
  });

  it("a long sentence's windows fit a tweet, overlap, and cut no word that has room to end", () => {
    const space = /\s/;
    const wrong: string[] = [];
    let windows = 0;
    let cut = 0;
    for (const text of texts) {
      const normalized = normalizeText(text).text;
      if (normalized.length <= 280) continue;
      const ranges = pieceRanges(normalized);
      for (let p = 0; p < ranges.length; p += 2) {
        const [start, end] = [ranges[p], ranges[p + 1]];
        windows++;
        if (end - start > 280) wrong.push(`${end - start} units at ${start}`);
        // A window that continues the previous one (same sentence) starts inside it, past its middle half.
        if (p > 0 && start < ranges[p - 1] && start <= ranges[p - 2]) wrong.push(`no progress at ${start}`);
        const cutEnd =
          end < normalized.length && !space.test(normalized[end - 1]) && !space.test(normalized[end]);
        if (!cutEnd) continue;
        // Only a word that fills the window's second half may be cut.
        cut++;
        if (space.test(normalized.slice(start + 141, end)))
          wrong.push(`cut word at ${end}: ${normalized.slice(end - 20, end + 5)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(windows).toBeGreaterThan(500);
    expect(cut).toBeLessThan(windows * 0.2);
  });

  it('pieceRanges finds the breaks of /(?<=[.!?\\n])\\s+/ for every code unit', () => {
    const filler = 'x'.repeat(150);
    const differing: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      const c = String.fromCharCode(unit);
      const text = `${filler}.${c}${c}b ${filler}!${c}\n${c}${filler}?${c}`;
      const ranges = pieceRanges(text);
      const cut: string[] = [];
      for (let p = 0; p < ranges.length; p += 2) cut.push(text.slice(ranges[p], ranges[p + 1]));
      if (JSON.stringify(cut) !== JSON.stringify(oldPieces(text))) differing.push(unit);
    }
    expect(differing).toEqual([]);
  });

  it('pieceBelow: a piece said to be below a threshold scores below it, even at its own score', () => {
    const models = Object.values(shippedTaskModels());
    const wrong: string[] = [];
    let below = 0;
    let pieces = 0;
    for (const text of texts) {
      const normalized = normalizeText(text).text;
      predictTextPositives(models, normalized, true);
      const ranges = pieceRanges(normalized);
      for (let p = 0; p < ranges.length; p += 2) {
        const [start, end] = [ranges[p], ranges[p + 1]];
        const exact = piecePositive(toxicity, normalized, start, end);
        if (exact === undefined) continue;
        pieces++;
        // At the piece's own score (and just under it) it must not be skipped; well above, it may be.
        for (const threshold of [exact, exact * (1 - 1e-12), 0.5, 0.2, 0.9])
          if (threshold > 0 && threshold <= exact && pieceBelow(toxicity, normalized, start, end, threshold))
            wrong.push(`${JSON.stringify(normalized.slice(start, start + 40))} at ${threshold}`);
        if (pieceBelow(toxicity, normalized, start, end, Math.min(0.999, exact * 1.5 + 0.05))) below++;
      }
    }
    expect(wrong).toEqual([]);
    // The bound is tight enough to skip most pieces well above their score (what the change is for).
    expect(below).toBeGreaterThan(pieces * 0.5);
  });

  it('the scanner reports what the unskipped score gives, at several thresholds', () => {
    const differing: string[] = [];
    // Only texts longer than a piece are read in pieces (and so may skip some).
    const long = texts.filter((text) => normalizeText(text).text.length > 280);
    for (const threshold of [0.5, 0.2, 0.9]) {
      const scan = toxicityScanner({ threshold });
      for (const text of long) {
        clearPromptTaskCache();
        scorePromptTasks(text);
        const result = scan(text);
        clearPromptTaskCache();
        scorePromptTasks(text);
        const score = toxicityScore(text);
        const expected = score >= threshold ? [{ scanner: 'toxicity', type: 'toxic', score }] : [];
        if (
          JSON.stringify(result.findings) !== JSON.stringify(expected) ||
          !Object.is(result.score, expected[0]?.score ?? 0)
        )
          differing.push(`${threshold} ${JSON.stringify(text.slice(0, 40))}`);
      }
    }
    expect(differing).toEqual([]);
  });
});
