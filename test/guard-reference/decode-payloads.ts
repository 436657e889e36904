// Frozen copy of src/guard/normalize/decode-payloads.ts before the guardfast change (commit 84228a7): the
// oracle that test/guard-fast-path.test.ts compares the optimised hot path with. Not used by the product.

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

/** Every readable payload; rot13 is decoded only when the text names it (plain text would also decode). */
export function decodePayloads(text: string): DecodedPayload[] {
  const found: DecodedPayload[] = [];
  const seen = new Set<number>();
  for (const pattern of [base64Run, base64UrlRun]) {
    for (const match of text.matchAll(pattern)) {
      if (seen.has(match.index!)) continue;
      const standard = match[0].replace(/-/g, '+').replace(/_/g, '/');
      const decoded = Buffer.from(standard, 'base64').toString('utf8');
      if (isReadable(decoded)) {
        seen.add(match.index!);
        found.push({ encoding: 'base64', start: match.index!, end: match.index! + match[0].length, decoded });
      }
    }
  }
  for (const match of text.matchAll(hexRun)) {
    const decoded = Buffer.from(match[1].replace(/[\s:]/g, ''), 'hex').toString('utf8');
    if (isReadable(decoded)) {
      found.push({ encoding: 'hex', start: match.index!, end: match.index! + match[0].length, decoded });
    }
  }
  if (rot13Cue.test(text))
    found.push({ encoding: 'rot13', start: 0, end: text.length, decoded: rot13(text) });
  return found;
}
