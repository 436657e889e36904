// Splits an answer into claims: one per sentence (abbreviations, decimals and initials do not end a
// sentence), each with the [n] citations it carries and its text without them. Sentences that make no
// checkable statement (questions, "I don't know", headings, very short fragments) are left out.

export interface Claim {
  /** The sentence without its citation markers. */
  text: string;
  /** Span of the sentence in the answer, end-exclusive. */
  start: number;
  end: number;
  /** The source numbers cited in the sentence ([1], [2, 3], [1][4]). */
  citations: number[];
}

const citationPattern = /\s*\[(\d+(?:\s*,\s*\d+)*)\]/g;
// Words after which a full stop does not end a sentence.
export const abbreviations: ReadonlySet<string> = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'cf',
  'al',
  'fig',
  'eq',
  'no',
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'approx',
  'ca',
  'st',
  'jr',
  'sr',
  'inc',
  'ltd',
  'vol',
  'pp',
]);
const noClaim = /^(?:i don't know|i do not know|sources?:|references?:)/i;

/** Sentence spans of a text: ends at . ! ? or a line break, not after abbreviations, initials or decimals. */
export function sentenceSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    while (s < end && /\s/.test(text[s])) s++;
    let e = end;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) spans.push([s, e]);
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      push(i + 1);
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    const next = text[i + 1];
    if (next !== undefined && !/[\s"'”’)\]]/.test(next)) continue; // "3.5", "e.g."
    if (c === '.') {
      const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, i - 12), i))?.[1]?.toLowerCase() ?? '';
      if (abbreviations.has(word) || /^\p{L}$/u.test(word)) continue; // "Dr.", "J. Smith"
    }
    // Citations after the full stop belong to the sentence: "… lift. [2]"
    let end = i + 1;
    const after = /^(?:\s*\[\d+(?:\s*,\s*\d+)*\])+/.exec(text.slice(end));
    if (after) end += after[0].length;
    i = end - 1;
    push(end);
  }
  push(text.length);
  return spans;
}

/** The claims of an answer, in order. */
export function splitClaims(answer: string, options: { minimumWords?: number } = {}): Claim[] {
  const { minimumWords = 4 } = options;
  const claims: Claim[] = [];
  for (const [start, end] of sentenceSpans(answer)) {
    const sentence = answer.slice(start, end);
    const citations: number[] = [];
    for (const match of sentence.matchAll(citationPattern))
      for (const part of match[1].split(',')) {
        const n = Number(part.trim());
        if (!citations.includes(n)) citations.push(n);
      }
    const text = sentence
      .replace(citationPattern, '')
      .replace(/^[-*•#>\d.)\s]+(?=\p{L})/u, '')
      .trim();
    if (text.endsWith('?') || noClaim.test(text)) continue;
    if (text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length < minimumWords) continue;
    claims.push({ text, start, end, citations });
  }
  return claims;
}
