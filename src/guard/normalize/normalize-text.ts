// One normalisation before any detector reads the text: NFKC (full-width and styled letters), invisible
// characters removed, homoglyphs folded, whitespace collapsed, and hidden payloads decoded.
import { type DecodedPayload, decodePayloads } from './decode-payloads.js';
import { foldHomoglyphs, hasMixedScriptWord } from './homoglyphs.js';
import { stripInvisible } from './invisible-characters.js';

export interface NormalizedText {
  /** The text as a detector should read it. */
  text: string;
  /** Decoded payloads (base64, hex, rot13, Unicode tags): each one is also scanned. */
  payloads: DecodedPayload[];
  /** Evidence of evasion: invisible characters, mixed-script words, encoded payloads. */
  signals: { invisibleCharacters: number; mixedScript: boolean; encodedPayloads: number };
}

// A policy normalises each text once for several detectors (prompt tasks, toxicity): the last result is
// remembered. Callers treat the result as read-only.
let last: { input: string; result: NormalizedText } | undefined;

export function normalizeText(input: string): NormalizedText {
  if (last?.input === input) return last.result;
  const result = normalize(input);
  last = { input, result };
  return result;
}

/** Forgets the remembered text (benchmarks time a repeated text in full). */
export function clearNormalizeCache(): void {
  last = undefined;
}

/** Whether every code unit of `text` is ASCII. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function normalize(input: string): NormalizedText {
  if (isAscii(input)) {
    // ASCII is its own NFKC form and holds no invisible character (Cf, Co, tags) and no look-alike (each
    // is outside ASCII): only the spaces change, the rest answers as for any text.
    const text = input.replace(/[ \t\u00a0]+/g, ' ');
    const payloads = decodePayloads(text);
    return {
      text,
      payloads,
      signals: { invisibleCharacters: 0, mixedScript: false, encodedPayloads: payloads.length },
    };
  }
  const mixedScript = hasMixedScriptWord(input);
  const stripped = stripInvisible(input.normalize('NFKC'));
  const text = foldHomoglyphs(stripped.text).replace(/[ \t\u00a0]+/g, ' ');
  const payloads = decodePayloads(text);
  if (stripped.taggedAscii.length > 0) {
    payloads.push({ encoding: 'unicode-tags', start: 0, end: 0, decoded: stripped.taggedAscii });
  }
  return {
    text,
    payloads,
    signals: { invisibleCharacters: stripped.removed, mixedScript, encodedPayloads: payloads.length },
  };
}

/** The views a detector should score: the normalised text and each decoded payload. */
export function textViews(normalized: NormalizedText): string[] {
  return [normalized.text, ...normalized.payloads.map((payload) => payload.decoded)];
}
