// Finds encoded payloads hidden in a prompt (base64, hex, rot13) and decodes the ones that turn out
// to be readable text, so that scanners can read what a model would be asked to decode.

const base64Run = /(?:[A-Za-z0-9+/]{4}){4,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?/g;
const base64UrlRun = /[A-Za-z0-9_-]{20,}={0,2}/g;
const hexRun = /\b(?:0x)?((?:[0-9a-fA-F]{2}[\s:]?){8,})\b/g;
const rot13Cue = /\brot[- ]?13\b/i;

export interface DecodedPayload {
  encoding: 'base64' | 'hex' | 'rot13' | 'unicode-tags';
  start: number;
  end: number;
  decoded: string;
}

/** Mostly printable text with letters and spaces: the decoded bytes were probably an instruction. */
function isReadable(text: string): boolean {
  if (text.length < 6) return false;
  // Checked first (the same answer: either one alone says no): most decoded runs are bytes that are not
  // UTF-8 (U+FFFD) or hold no whitespace, and then no character needs a letter test.
  if (text.includes('\ufffd') || !/\s/.test(text)) return false;
  let printable = 0;
  let letters = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code === 0xfffd) return false;
    if (code >= 32 || code === 10 || code === 13 || code === 9) printable++;
    if (/\p{L}/u.test(char)) letters++;
  }
  const length = [...text].length;
  return printable / length > 0.95 && letters / length > 0.5 && /\s/.test(text);
}

export function rot13(text: string): string {
  return text.replace(/[a-zA-Z]/g, (char) => {
    const base = char <= 'Z' ? 65 : 97;
    return String.fromCharCode(((char.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** A character of base64's standard or URL-safe alphabet (padding aside). */
export function isBase64Char(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 43 ||
    c === 47 ||
    c === 95 ||
    c === 45
  );
}

function longestBase64Run(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    run = isBase64Char(text.charCodeAt(i)) ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

const whitespace = /\s/;

/** The most hex digits in a stretch of hex digits, whitespace and ':' (what hexRun can span). */
function mostHexDigits(text: string): number {
  let most = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)) {
      digits++;
      if (digits > most) most = digits;
    } else if (c !== 58 && !(c === 32 || (c >= 9 && c <= 13) || (c > 127 && whitespace.test(text[i]))))
      digits = 0;
  }
  return most;
}

function isBase64Unit(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61
  );
}

function isBase64UrlUnit(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 61
  );
}

/**
 * text.matchAll(pattern) for a global pattern whose matches are made only of `isUnit` characters, at
 * least `minimum` of them, and that reads no character outside its match (no anchors, \b or lookaround):
 * such a match lies inside one maximal run of those characters, and a run matches there as it does in
 * the whole text. So the pattern runs over those runs alone (the indices are the text's), not over every
 * position of the text, where it costs tens of microseconds per kilobyte of prose.
 */
function matchesInRuns(
  text: string,
  pattern: RegExp,
  isUnit: (c: number) => boolean,
  minimum: number,
): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  for (let i = 0; i < text.length; ) {
    if (!isUnit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && isUnit(text.charCodeAt(end))) end++;
    if (end - i >= minimum) {
      const run = text.slice(i, end);
      pattern.lastIndex = 0;
      for (let match = pattern.exec(run); match; match = pattern.exec(run)) {
        match.index += i;
        found.push(match);
      }
    }
    i = end;
  }
  pattern.lastIndex = 0;
  return found;
}

/** Every readable payload; rot13 is decoded only when the text names it (plain text would also decode). */
export function decodePayloads(text: string): DecodedPayload[] {
  const found: DecodedPayload[] = [];
  const seen = new Set<number>();
  // Both base64 patterns need a run of 16+ characters from [A-Za-z0-9+/_-]: prose rarely has one.
  const runs: [RegExp, (c: number) => boolean, number][] = [
    [base64Run, isBase64Unit, 16],
    [base64UrlRun, isBase64UrlUnit, 20],
  ];
  for (const [pattern, isUnit, minimum] of longestBase64Run(text) >= 16 ? runs : []) {
    for (const match of matchesInRuns(text, pattern, isUnit, minimum)) {
      if (seen.has(match.index!)) continue;
      const standard = match[0].replace(/-/g, '+').replace(/_/g, '/');
      const decoded = Buffer.from(standard, 'base64').toString('utf8');
      if (isReadable(decoded)) {
        seen.add(match.index!);
        found.push({ encoding: 'base64', start: match.index!, end: match.index! + match[0].length, decoded });
      }
    }
  }
  // The hex pattern needs 16+ hex digits with nothing but whitespace or ':' between them.
  for (const match of mostHexDigits(text) >= 16 ? text.matchAll(hexRun) : []) {
    const decoded = Buffer.from(match[1].replace(/[\s:]/g, ''), 'hex').toString('utf8');
    if (isReadable(decoded)) {
      found.push({ encoding: 'hex', start: match.index!, end: match.index! + match[0].length, decoded });
    }
  }
  if (rot13Cue.test(text))
    found.push({ encoding: 'rot13', start: 0, end: text.length, decoded: rot13(text) });
  return found;
}
