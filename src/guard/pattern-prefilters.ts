// Cheap tests of what every match of a pattern must contain, so that a scanner skips a pattern that
// cannot match the text at all: an e-mail address has an '@', a date a digit. Each test answers false
// only where the pattern provably has no match (where it is not the pattern's own literal, the reason is
// written beside it), so the matches, and with them the findings, are the same. The e-mail, IP and
// URL-credential patterns cost ~9–12 µs per KB each, trying every word boundary; their tests well under
// one. A prefilter is kept only where it measured cheaper than its pattern.
// test/guard-pattern-prefilters.test.ts checks every prefilter against its pattern.

/** Whether `text` could hold a match: false only where the pattern cannot match. */
export type MayMatch = (text: string) => boolean;

// The tests are regexes without `g` (no lastIndex to keep): V8 runs a one-character class or a short
// literal search faster than a char loop in JavaScript (a loop over a kilobyte cost ~2.5 µs, /\d/ under 1).
const asciiDigit = /\d/;
const addressShape = /\d\.\d|[0-9a-fA-F]:[0-9a-fA-F]|::1/;

/** An ASCII digit anywhere (what `\d` matches, with or without the `u` or `i` flag). */
export function hasAsciiDigit(text: string): boolean {
  return asciiDigit.test(text);
}

/** Some of `literals` occurs in the text (case-sensitive). */
export function includesAny(...literals: string[]): MayMatch {
  return (text) => literals.some((literal) => text.includes(literal));
}

/** Every one of `literals` occurs in the text (case-sensitive). */
export function includesAll(...literals: string[]): MayMatch {
  return (text) => literals.every((literal) => text.includes(literal));
}

/**
 * For the IP pattern: a dotted quad holds "digit . digit", an IPv6 group list "hex : hex" (its second
 * group follows the first colon) and the loopback "::1".
 */
export function hasAddressShape(text: string): boolean {
  return addressShape.test(text);
}

const noMatches: readonly RegExpMatchArray[] = [];

/**
 * `text.matchAll(pattern)` (a global pattern) where `mayMatch` says the text may hold a match, else no
 * matches: the same matches either way (matchAll reads a copy of the pattern, so skipping it leaves the
 * pattern's own lastIndex as matchAll does).
 */
export function matchesWhere(
  pattern: RegExp,
  text: string,
  mayMatch: MayMatch | undefined,
): Iterable<RegExpMatchArray> {
  if (mayMatch && !mayMatch(text)) return noMatches;
  return text.matchAll(pattern);
}
