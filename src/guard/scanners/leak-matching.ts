// Canary matching that survives what a model does to a leaked secret: case, look-alike letters (the project's
// map and Unicode's confusables), spaces or separators between characters, line breaks and list items,
// letters spelled out (NATO alphabet, digit words, "G as in goat"), leetspeak, rot13, rot47 and every Caesar
// shift, character codes (\x, %, \u, &#, 0x, decimal, binary), base16/32/64, Morse, reversal, and the canary
// cut into pieces with words between them. Every view of the output is reduced to a lower-case alphanumeric
// skeleton and searched for the canary's skeleton (and its rot13, reversed and Caesar-shifted forms).
import { decodePayloads, foldHomoglyphs, rot13 } from '../normalize/index.js';
import { foldConfusables } from './leak-confusables.js';
import {
  decodeBinary,
  decodeCharCodes,
  decodeEncodedRuns,
  decodeMorse,
  foldLeet,
  stripLetterNames,
  stripListMarkers,
} from './leak-decoders.js';
import { findInPieces } from './leak-pieces.js';

/** Canaries shorter than this (as a skeleton) are matched verbatim only: short skeletons occur by chance. */
export const minimumCanarySkeleton = 6;

/** Lower-case letters and digits only. */
export function skeleton(text: string): string {
  return strip(plain(text));
}

/**
 * NFKC, look-alikes folded (the project's homoglyph map, then Unicode's confusables table), lower case: the
 * text before its separators are dropped.
 */
function plain(text: string): string {
  const folded = text.normalize('NFKC');
  // Most answers are ASCII, where no look-alike can occur: one test spares the fold.
  return (nonAscii.test(folded) ? foldConfusables(foldHomoglyphs(folded)) : folded).toLowerCase();
}

const nonAscii = /[^\x00-\x7f]/;

const letterOrDigit = /[\p{L}\p{N}]/u;

/**
 * The skeleton of decoded bytes (one Latin-1 character per byte): ASCII letters and digits only. A byte
 * above 0x7f is part of a UTF-8 sequence Latin-1 does not rebuild, and random bytes are mostly such.
 */
function byteSkeleton(bytes: string): string {
  return bytes.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * Letters and digits only, of a lower-cased text. A loop: ASCII decides by code, and only a non-ASCII
 * character pays for the Unicode property test (the /[^\p{L}\p{N}]+/gu pattern costs ~5× as much per KB).
 */
function strip(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) continue;
    let keep = false;
    let width = 1;
    if (c >= 128) {
      width = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
      keep = letterOrDigit.test(text.slice(i, i + width));
    }
    if (keep) {
      i += width - 1;
      continue;
    }
    out += text.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

const spelled: Record<string, string> = {
  alpha: 'a',
  alfa: 'a',
  bravo: 'b',
  charlie: 'c',
  delta: 'd',
  echo: 'e',
  foxtrot: 'f',
  golf: 'g',
  hotel: 'h',
  india: 'i',
  juliet: 'j',
  juliett: 'j',
  kilo: 'k',
  lima: 'l',
  mike: 'm',
  november: 'n',
  oscar: 'o',
  papa: 'p',
  quebec: 'q',
  romeo: 'r',
  sierra: 's',
  tango: 't',
  uniform: 'u',
  victor: 'v',
  whiskey: 'w',
  whisky: 'w',
  xray: 'x',
  'x-ray': 'x',
  yankee: 'y',
  zulu: 'z',
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  niner: '9',
};

const spelledWord = new RegExp(`\\b(?:${Object.keys(spelled).join('|')})\\b`, 'i');

/** True when the text spells at least one letter or digit out: else its spelled view adds nothing. */
export function spellsOut(text: string): boolean {
  return spelledWord.test(text);
}

/**
 * Letters spelled one by one ("c - four - n ...", "Charlie Four November"): single characters and spelled
 * names joined; any other word breaks the run.
 */
export function spelledSkeleton(text: string): string {
  const lower = text.toLowerCase().replace(/\bx-ray\b/g, 'xray');
  let out = '';
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    if (i < lower.length && isWordCharacter(lower, i)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const token = lower.slice(start, i);
      out += token.length === 1 ? token : (spelled[token] ?? '|');
      start = -1;
    }
  }
  return out;
}

function isWordCharacter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  return letterOrDigit.test(text[i]);
}

const wrappedLine = /^[ \t]*[A-Za-z0-9+/=_-]{12,}[ \t]*\r?$/m;

export interface LeakView {
  view: string;
  skeleton: string;
  /** Applied to the canary's forms too (leetspeak folds both sides). */
  fold?: (form: string) => string;
}

/**
 * The skeletons a canary is searched in: the text itself, its spelled-out letters, its list items joined,
 * its character codes decoded, its leetspeak folded, Morse decoded, and decoded payloads and encoded runs.
 */
export function leakViews(text: string): LeakView[] {
  return viewsOfPlain(text, plain(text));
}

function viewsOfPlain(text: string, base: string): LeakView[] {
  const views: LeakView[] = [
    { view: 'text', skeleton: strip(base) },
    { view: 'leetspeak', skeleton: strip(foldLeet(base)), fold: foldLeet },
  ];
  // Single characters alone join up in the text view already: spelled words are what this view adds.
  if (spellsOut(text)) views.push({ view: 'spelled', skeleton: spelledSkeleton(text) });
  const items = stripListMarkers(base);
  if (items !== undefined) views.push({ view: 'list', skeleton: strip(items) });
  const codes = decodeCharCodes(text);
  if (codes !== undefined) views.push({ view: 'char-codes', skeleton: skeleton(codes) });
  const binary = decodeBinary(text);
  if (binary !== undefined) views.push({ view: 'binary', skeleton: skeleton(binary) });
  const named = stripLetterNames(text);
  if (named !== undefined) views.push({ view: 'named-letters', skeleton: spelledSkeleton(named) });
  const morse = decodeMorse(text);
  if (morse !== undefined) views.push({ view: 'morse', skeleton: strip(morse) });
  for (const decoded of decodeEncodedRuns(text))
    views.push({ view: 'encoded', skeleton: byteSkeleton(decoded) });
  // Base64 or hex wrapped over several lines: the readable payloads of the text with line breaks removed.
  // Only a text with a whole line of base64 can hold a wrapped payload.
  if (wrappedLine.test(text)) {
    // Split and trimmed, not /[ \t]*\r?\n[ \t]*/g (nor a /[ \t]+$/ trim): those retry a long blank run from
    // each of its positions (quadratic: 390 ms on 20 KB of spaces before guardleak2).
    const joined = text
      .split('\n')
      .map((line) => line.trim())
      .join('');
    for (const payload of decodePayloads(joined))
      views.push({ view: payload.encoding, skeleton: skeleton(payload.decoded) });
    for (const decoded of decodeEncodedRuns(joined))
      views.push({ view: 'encoded', skeleton: byteSkeleton(decoded) });
  }
  return views;
}

/** ROT47: every printable ASCII character but the space rotated by 47. */
export function rot47(text: string): string {
  return text.replace(/[!-~]/g, (char) => String.fromCharCode(33 + ((char.charCodeAt(0) + 14) % 94)));
}

export interface CanaryMatch {
  canary: string;
  /**
   * How it was found: verbatim, text (case/separators), spelled, leetspeak, list, char-codes, morse,
   * encoded (base16/32/64 run), base64, hex, binary, named-letters, rot13, rot47, caesar+N, pieces,
   * reversed, or a view and a form (`list+reversed`).
   */
  via: string;
}

/** Every canary found in the text, verbatim or transformed. */
export function findCanaries(text: string, canaries: readonly string[]): CanaryMatch[] {
  const matches: CanaryMatch[] = [];
  let views: LeakView[] | undefined;
  let base: string | undefined;
  for (const canary of canaries) {
    if (text.includes(canary)) {
      matches.push({ canary, via: 'verbatim' });
      continue;
    }
    const canaryForms = formsOf(canary);
    if (canaryForms.key.length < minimumCanarySkeleton) continue;
    base ??= plain(text);
    views ??= viewsOfPlain(text, base);
    const via = howFound(text, base, views, canaryForms);
    if (via) matches.push({ canary, via });
  }
  return matches;
}

/** How the canary's forms occur in the text's views, or undefined when they do not. */
function howFound(
  text: string,
  base: string,
  views: readonly LeakView[],
  canary: CanaryForms,
): string | undefined {
  for (const { view, skeleton: body, fold } of views)
    for (const [form, how] of canary.forms)
      if (body.includes(fold ? fold(form) : form))
        return how ? (view === 'text' ? how : `${view}+${how}`) : view;
  // ROT47 turns letters into punctuation too, which the skeletons drop: searched in the text as written.
  if (text.includes(canary.rot47)) return 'rot47';
  // Caesar shifts: the canary shifted (25 short strings), not the text, searched in the text's skeleton.
  const shift = shiftFound(views[0].skeleton, canary.shifted);
  if (shift) return `caesar+${shift}`;
  return findInPieces(base, canary.key) ? 'pieces' : undefined;
}

/** Letters a canary needs before its Caesar shifts are searched: fewer barely change under a shift. */
export const minimumCaesarLetters = 4;

/**
 * The shift (1-25) under which the key's letters occur in the body, or 0. Digits are not shifted. 25 searches
 * for the shifted key (native, ~0.01 ms/KB) measured cheaper than one JS pass comparing shifts per position.
 */
export function caesarShiftFound(body: string, key: string): number {
  return shiftFound(body, caesarForms(key));
}

function shiftFound(body: string, shifted: readonly string[]): number {
  for (let shift = 1; shift < shifted.length; shift++) if (body.includes(shifted[shift])) return shift;
  return 0;
}

/** The key under every shift, [0] the key itself; just [key] when it has too few letters to shift. */
function caesarForms(key: string): string[] {
  const forms = [key];
  if ((key.match(/[a-z]/g) ?? []).length >= minimumCaesarLetters)
    for (let shift = 1; shift < 26; shift++)
      forms.push(
        key.replace(/[a-z]/g, (char) => String.fromCharCode(((char.charCodeAt(0) - 97 + shift) % 26) + 97)),
      );
  return forms;
}

interface CanaryForms {
  /** The canary's skeleton. */
  key: string;
  /** What the views are searched for: the key, its rot13 and its reversal, each with how it was written. */
  forms: [string, string][];
  /** The canary under ROT47, searched in the text as written. */
  rot47: string;
  /** The key under every Caesar shift (caesarForms). */
  shifted: string[];
}

// The forms of recent canaries: a scanner checks the same few canaries on every text.
const recentForms = new Map<string, CanaryForms>();

function formsOf(canary: string): CanaryForms {
  let found = recentForms.get(canary);
  if (found) return found;
  const key = skeleton(canary);
  found = {
    key,
    forms: [
      [key, ''],
      [skeleton(rot13(canary)), 'rot13'],
      [[...key].reverse().join(''), 'reversed'],
    ],
    rot47: rot47(canary),
    shifted: caesarForms(key),
  };
  if (recentForms.size >= 256) recentForms.clear();
  recentForms.set(canary, found);
  return found;
}

/** Share of the system prompt's character 12-grams (on skeletons) found in the text: survives reformatting. */
export function skeletonOverlap(systemPrompt: string, text: string, size = 12): number {
  const source = skeleton(systemPrompt);
  const body = skeleton(text);
  if (source.length < size) return body.includes(source) && source.length > 0 ? 1 : 0;
  const grams = new Set<string>();
  for (let i = 0; i + size <= body.length; i++) grams.add(body.slice(i, i + size));
  let total = 0;
  let shared = 0;
  for (let i = 0; i + size <= source.length; i += 4) {
    total++;
    if (grams.has(source.slice(i, i + size))) shared++;
  }
  return shared / total;
}
