// Splits text on the coarsest separator that works (paragraphs, lines, sentences, words, characters)
// and packs the pieces into chunks of at most `size` tokens, repeating up to `overlap` tokens of the
// previous chunk. Unlike LangChain's splitter (langchainjs #11702), a chunk that exactly fills `size`
// still passes its overlap on, and pieces keep their separators, so chunks are exact slices of the text.
import { countTokens } from '../../model/index.js';
import { type Chunker, type TokenCounter, validateSizes } from './chunk.js';

export interface RecursiveTokenChunkerOptions {
  size?: number;
  overlap?: number;
  separators?: readonly string[];
  countTokens?: TokenCounter;
}

export function recursiveTokenChunker(options: RecursiveTokenChunkerOptions = {}): Chunker {
  const {
    size = 512,
    overlap = 64,
    separators = ['\n\n', '\n', '. ', ' ', ''],
    countTokens: count = (text: string) => countTokens(text),
  } = options;
  validateSizes(size, overlap);
  return (text) => {
    const pieces = splitPieces(text, separators, size, overlap, count).map((piece) => ({
      text: piece,
      tokens: count(piece),
    }));
    const chunks: string[] = [];
    let current: { text: string; tokens: number }[] = [];
    let currentTokens = 0;
    const emit = () => {
      const chunkText = current
        .map((piece) => piece.text)
        .join('')
        .trim();
      if (chunkText !== '') chunks.push(chunkText);
    };
    for (const piece of pieces) {
      if (currentTokens + piece.tokens > size && current.length > 0) {
        emit();
        // Carry the longest tail that fits in `overlap` and still leaves room for this piece.
        const carried: typeof current = [];
        let carriedTokens = 0;
        for (let index = current.length - 1; index >= 0; index--) {
          const candidate = current[index];
          if (carriedTokens + candidate.tokens > overlap) break;
          if (carriedTokens + candidate.tokens + piece.tokens > size) break;
          carried.unshift(candidate);
          carriedTokens += candidate.tokens;
        }
        current = carried;
        currentTokens = carriedTokens;
      }
      current.push(piece);
      currentTokens += piece.tokens;
    }
    if (current.length > 0) emit();
    return chunks.map((chunkText, index) => ({ text: chunkText, metadata: { chunkIndex: index } }));
  };
}

// Pieces no longer than `size` tokens whose concatenation is the text; each keeps its trailing separator.
function splitPieces(
  text: string,
  separators: readonly string[],
  size: number,
  overlap: number,
  count: TokenCounter,
): string[] {
  if (text === '') return [];
  if (fitsIn(text, size, count)) return [text];
  const [separator, ...finer] = separators;
  if (separator === undefined || separator === '') return splitByTokens(text, size, overlap);
  if (!text.includes(separator)) return splitPieces(text, finer, size, overlap, count);
  const parts = text.split(separator);
  const pieces: string[] = [];
  parts.forEach((part, index) => {
    const withSeparator = index < parts.length - 1 ? part + separator : part;
    if (withSeparator === '') return;
    if (fitsIn(withSeparator, size, count)) pieces.push(withSeparator);
    else pieces.push(...splitPieces(withSeparator, finer, size, overlap, count));
  });
  return pieces;
}

// Counting a long text costs more than splitting it, and no real text averages 16 characters a token.
function fitsIn(text: string, size: number, count: TokenCounter): boolean {
  return text.length <= size * 16 && count(text) <= size;
}

// The last resort for a run with no separator: slices of a fixed number of characters, small enough
// that the packer can fill chunks (and carry overlap) with them. A byte-level BPE token covers at
// least one UTF-8 byte, so a UTF-16 code unit is at most 3 tokens and a slice of `size / 3` units
// always fits. Each character is counted once more by the packer: linear in the text, however long
// the run. (Searching for the longest prefix that fits counted the rest of the text again and again.)
function splitByTokens(text: string, size: number, overlap: number): string[] {
  const step = Math.max(1, Math.floor((overlap > 0 ? overlap : size) / 3));
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + step, text.length);
    const code = text.charCodeAt(end);
    if (end < text.length && code >= 0xdc00 && code <= 0xdfff) end++; // keep a surrogate pair whole
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}
