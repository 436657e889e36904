// One chunk per sentence, for precise matching, with the `window` sentences on each side kept in
// metadata.window: retrieval matches the sentence, the answer prompt sees the window (LlamaIndex's
// sentence-window retrieval).
import { GantryError } from '../../errors/index.js';
import type { Chunker } from './chunk.js';

export interface SentenceWindowChunkerOptions {
  window?: number;
}

export function sentenceWindowChunker({ window = 2 }: SentenceWindowChunkerOptions = {}): Chunker {
  if (!Number.isInteger(window) || window < 0) {
    throw new GantryError(
      'RAG_CHUNKER_INVALID',
      `A sentence window must be a whole number ≥ 0, not ${window}.`,
      {
        hint: 'Use 1–3 sentences on each side.',
        details: { window },
      },
    );
  }
  return (text) => {
    const sentences = splitSentences(text);
    return sentences.map((sentence, index) => ({
      text: sentence,
      metadata: {
        chunkIndex: index,
        window: sentences.slice(Math.max(0, index - window), index + window + 1).join(' '),
      },
    }));
  };
}

// Ends a sentence at . ! ? followed by space and a capital, digit or quote, or at a blank line; common
// abbreviations ("e.g.", "Dr.", "Fig.") do not end one.
const abbreviations = /\b(?:e\.g|i\.e|etc|vs|dr|mr|mrs|ms|prof|fig|eq|no|vol|al)\.$/i;

export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const flat = paragraph.replace(/\s+/g, ' ').trim();
    if (flat === '') continue;
    let start = 0;
    const boundary = /[.!?]+["')\]]*\s+(?=["'([]?[A-Z0-9])/g;
    for (const match of flat.matchAll(boundary)) {
      const end = match.index + match[0].trimEnd().length;
      const candidate = flat.slice(start, end);
      if (abbreviations.test(candidate)) continue;
      sentences.push(candidate.trim());
      start = match.index + match[0].length;
    }
    const rest = flat.slice(start).trim();
    if (rest !== '') sentences.push(rest);
  }
  return sentences;
}
