// The name words around a tagged PERSON span (wholeSpan), found by scanning code points instead of running
// a Unicode regex on a slice: the same matches as the regexes below (name-words.test.ts compares them), at
// a fraction of a cold regex call (~5 µs per finding after the policy's other rules, 6–10 % of the tagger
// on the slowest texts).
//   after:  /^[ \t]+(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.)/u  on text.slice(end, end + 40)
//   before: /(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.)[ \t]+$/u  on text.slice(max(0, start - 40), start)
//   opener: /[.!?:\n]\s*$/                              on text.slice(max(0, at - 3), at)

import { charClass, lowerClass, spaceClass, upperClass } from '../classifier/char-classes.js';

/** How far each side a name word is looked for (the regexes' slices). */
export const nameWordReach = 40;

/** The code point starting at `at`, a surrogate pair only where both halves lie before `to`. */
function codePointAt(text: string, at: number, to: number): number {
  const unit = text.charCodeAt(at);
  if (unit >= 0xd800 && unit <= 0xdbff && at + 1 < to) {
    const low = text.charCodeAt(at + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return unit;
}

/** The code point ending just before `at`, a surrogate pair only where both halves lie from `from` on. */
function codePointBefore(text: string, at: number, from: number): number {
  const unit = text.charCodeAt(at - 1);
  if (unit >= 0xdc00 && unit <= 0xdfff && at - 2 >= from) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (unit - 0xdc00) + 0x10000;
  }
  return unit;
}

const width = (point: number) => (point > 0xffff ? 2 : 1);

/** \p{Lu} (ASCII without the regex). */
function isUpper(point: number): boolean {
  if (point < 128) return point >= 65 && point <= 90;
  return (charClass(point) & upperClass) !== 0;
}

/** [\p{Ll}'’-] (ASCII without the regex). */
function isNamePart(point: number): boolean {
  if (point < 128) return (point >= 97 && point <= 122) || point === 39 || point === 45;
  return point === 0x2019 || (charClass(point) & lowerClass) !== 0;
}

const isBlank = (unit: number) => unit === 32 || unit === 9;

/** Length of the `after` match at `end` (spaces, then a name word or an initial), or -1. */
export function nameWordAfter(text: string, end: number): number {
  const to = Math.min(text.length, end + nameWordReach);
  let at = end;
  while (at < to && isBlank(text.charCodeAt(at))) at++;
  if (at === end || at >= to) return -1;
  const first = codePointAt(text, at, to);
  if (!isUpper(first)) return -1;
  at += width(first);
  const rest = at;
  while (at < to) {
    const point = codePointAt(text, at, to);
    if (!isNamePart(point)) break;
    at += width(point);
  }
  if (at > rest) return at - end;
  return at < to && text.charCodeAt(at) === 46 ? at + 1 - end : -1;
}

/** Length of the `before` match ending at `start` (a name word or an initial, then spaces), or -1. */
export function nameWordBefore(text: string, start: number): number {
  const from = Math.max(0, start - nameWordReach);
  let at = start;
  while (at > from && isBlank(text.charCodeAt(at - 1))) at--;
  if (at === start || at === from) return -1;
  // An initial: a capital and a full stop. Only one of the two forms can end at `at` ('.' is no name part).
  if (text.charCodeAt(at - 1) === 46) {
    if (at - 1 === from) return -1;
    const initial = codePointBefore(text, at - 1, from);
    return isUpper(initial) ? start - (at - 1 - width(initial)) : -1;
  }
  let word = at;
  while (word > from) {
    const point = codePointBefore(text, word, from);
    if (!isNamePart(point)) break;
    word -= width(point);
  }
  if (word === at || word === from) return -1;
  const first = codePointBefore(text, word, from);
  return isUpper(first) ? start - (word - width(first)) : -1;
}

/** Whether text.slice(max(0, at - 3), at) ends with one of . ! ? : or a newline and then only \s. */
export function opensSentence(text: string, at: number): boolean {
  for (let q = at - 1; q >= Math.max(0, at - 3); q--) {
    const unit = text.charCodeAt(q);
    if (unit === 46 || unit === 33 || unit === 63 || unit === 58 || unit === 10) return true;
    const blank =
      unit < 128 ? unit === 32 || (unit >= 9 && unit <= 13) : (charClass(unit) & spaceClass) !== 0;
    if (!blank) return false;
  }
  return false;
}
