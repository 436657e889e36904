// Turning a free-text answer into a comparable key, per task type: votes count keys, not strings.
// undefined means "no answer found" (such a sample casts no vote).

export type AnswerNormaliser = (text: string) => string | undefined;

const numberPattern = String.raw`-?\$?\s?\d[\d,]*(?:\.\d+)?|-?\$?\s?\.\d+`;
const markers = [
  new RegExp(String.raw`####\s*(${numberPattern})`),
  new RegExp(String.raw`\\boxed\{\s*(${numberPattern})`),
  new RegExp(String.raw`(?:^|\n)\s*A:\s*(${numberPattern})`),
  new RegExp(String.raw`answer is:?\s*\**\s*(${numberPattern})`, 'i'),
];

/**
 * The number a math answer ends on (GSM8K's decimal-aware rule): the value after `####`, `\boxed{}`,
 * `A:` or "the answer is", else the last number in the text; commas and `$` removed, compared as a
 * number ("$20.00" and "20" are the same key).
 */
export function numericAnswer(text: string): string | undefined {
  for (const marker of markers) {
    const match = marker.exec(text);
    if (match?.[1]) return canonicalNumber(match[1]);
  }
  const all = text.match(new RegExp(numberPattern, 'g'));
  return all ? canonicalNumber(all[all.length - 1] as string) : undefined;
}

function canonicalNumber(raw: string): string | undefined {
  const value = Number(raw.replace(/[$,\s]/g, ''));
  if (!Number.isFinite(value)) return undefined;
  return String(Math.round(value * 1e6) / 1e6);
}

/** A multiple-choice letter (A to E): "(B)", "Answer: c", "the answer is D." */
export function choiceAnswer(text: string): string | undefined {
  const marked = /answer(?: is)?:?\s*\(?([A-E])\b/i.exec(text) ?? /\(([A-E])\)/.exec(text);
  if (marked?.[1]) return marked[1].toUpperCase();
  const bare = /^\s*\(?([A-E])\)?[.)]?\s*$/i.exec(text);
  return bare?.[1]?.toUpperCase();
}

/** Short free text: lower case, articles, punctuation and extra spaces removed (SQuAD-style). */
export function textAnswer(text: string): string | undefined {
  const key = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return key || undefined;
}

export const answerNormalisers = { number: numericAnswer, choice: choiceAnswer, text: textAnswer } as const;
export type AnswerKind = keyof typeof answerNormalisers;
