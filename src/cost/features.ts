// Request features a router may read before any model runs: the prompt's length, its numbers and a
// few words that mark multi-step problems, plus hashed words. Cheap (one pass, no tokenizer).

/** Names of the dense features, in vector order (the hashed words follow them). */
export const denseFeatureNames = [
  'bias',
  'log_chars',
  'words_per_100',
  'sentences',
  'numbers',
  'distinct_numbers',
  'log_max_number',
  'decimals',
  'percent',
  'money',
  'fraction_words',
  'comparison_words',
  'time_units',
  'rate_words',
  'question_marks',
] as const;

const fractionWords = /\b(half|third|quarter|twice|double|triple|thrice|fraction)\b/gi;
const comparisonWords = /\b(more|less|fewer|than|remaining|left|difference|longer|shorter)\b/gi;
const timeUnits = /\b(second|minute|hour|day|week|month|year)s?\b/gi;
const rateWords = /\b(each|per|every|rate|average|profit|interest|discount|times)\b/gi;
const numberPattern = /\d[\d,]*(?:\.\d+)?/g;

export interface FeatureOptions {
  /** Buckets for hashed lower-case words (0 turns them off). */
  hashBuckets?: number;
}

/** The feature vector of a prompt: dense features, then `hashBuckets` hashed-word frequencies. */
export function promptFeatures(text: string, { hashBuckets = 64 }: FeatureOptions = {}): number[] {
  const numbers = text.match(numberPattern) ?? [];
  const values = numbers.map((n) => Number(n.replace(/,/g, ''))).filter(Number.isFinite);
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const dense = [
    1,
    Math.log1p(text.length) / 8,
    words.length / 100,
    (text.match(/[.!?](\s|$)/g) ?? []).length / 5,
    numbers.length / 5,
    new Set(values).size / 5,
    Math.log10(1 + Math.max(0, ...values)) / 4,
    numbers.filter((n) => n.includes('.')).length,
    (text.match(/%|\bpercent/gi) ?? []).length,
    (text.match(/\$/g) ?? []).length / 2,
    (text.match(fractionWords) ?? []).length,
    (text.match(comparisonWords) ?? []).length / 2,
    (text.match(timeUnits) ?? []).length / 2,
    (text.match(rateWords) ?? []).length / 2,
    (text.match(/\?/g) ?? []).length,
  ];
  if (hashBuckets === 0) return dense;
  const hashed = new Array<number>(hashBuckets).fill(0);
  for (const word of words) hashed[fnv1a(word) % hashBuckets] += 1 / Math.max(1, words.length / 10);
  return dense.concat(hashed);
}

/** 32-bit FNV-1a: a stable hash for words, the same in training and at run time. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The text a router reads from an OpenAI request: the last user message (or the prompt). */
export function requestText(body: Record<string, unknown>): string {
  const messages = body.messages;
  if (Array.isArray(messages)) {
    for (let index = messages.length - 1; index >= 0; index--) {
      const message = messages[index] as { role?: unknown; content?: unknown };
      if (message?.role !== 'user') continue;
      return contentText(message.content);
    }
    return '';
  }
  const prompt = body.prompt;
  if (typeof prompt === 'string') return prompt;
  if (Array.isArray(prompt)) return prompt.filter((p) => typeof p === 'string').join('\n');
  return '';
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) =>
      part && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : '',
    )
    .join('\n');
}
