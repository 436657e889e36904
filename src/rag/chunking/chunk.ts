// A chunk as a chunker produces it: text plus what it knows about where the text came from.
import { GantryError } from '../../errors/index.js';

export interface Chunk {
  text: string;
  metadata: Record<string, unknown>;
}

export type Chunker = (text: string) => Chunk[];

/** Counts tokens; the default is the model layer's BPE count (cl100k_base unless told otherwise). */
export type TokenCounter = (text: string) => number;

export function validateSizes(size: number, overlap: number): void {
  if (!Number.isInteger(size) || size <= 0) {
    throw new GantryError('RAG_CHUNKER_INVALID', `A chunk size must be a positive integer, not ${size}.`, {
      hint: 'Use a size in tokens, for example 512.',
      details: { size },
    });
  }
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= size) {
    throw new GantryError(
      'RAG_CHUNKER_INVALID',
      `A chunk overlap of ${overlap} tokens does not fit a chunk size of ${size}: it must be at least 0 and smaller than the size.`,
      { hint: 'A common choice is an overlap of 10–20 % of the size.', details: { size, overlap } },
    );
  }
}
