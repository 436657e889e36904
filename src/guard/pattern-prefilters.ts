// Cheap tests of what every match of a pattern must contain, so that a scanner skips a pattern that
// cannot match the text at all: an e-mail address has an '@', a card number a digit. Each test answers
// false only where the pattern provably has no match (the reason is written beside each pattern), so the
// matches, and with them the findings, are the same; a linear look at the text is cheaper than the
// regex trying every word boundary of a kilobyte (the e-mail and IP patterns cost ~15 µs per KB each).
// test/guard-pattern-prefilters.test.ts checks every prefilter against its pattern.

/** Whether `text` could hold a match: false only where the pattern cannot match. */
export type MayMatch = (text: string) => boolean;

function isDigit(unit: number): boolean {
  return unit >= 48 && unit <= 57;
}

function isHexDigit(unit: number): boolean {
  return isDigit(unit) || (unit >= 65 && unit <= 70) || (unit >= 97 && unit <= 102);
}

/** An ASCII digit anywhere (what `\d` matches without the `u` flag, and with it). */
export function hasAsciiDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i))) return true;
  return false;
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
  for (let i = 1; i + 1 < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x2e) {
      if (isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) return true;
    } else if (unit === 0x3a) {
      if (isHexDigit(text.charCodeAt(i - 1)) && isHexDigit(text.charCodeAt(i + 1))) return true;
    }
  }
  return text.includes('::1');
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
