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
    const pieces = splitPieces(text, separators, size, count).map((piece) => ({
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
  count: TokenCounter,
): string[] {
  if (text === '') return [];
  if (count(text) <= size) return [text];
  const [separator, ...finer] = separators;
  if (separator === undefined || separator === '') return splitByTokens(text, size, count);
  if (!text.includes(separator)) return splitPieces(text, finer, size, count);
  const parts = text.split(separator);
  const pieces: string[] = [];
  parts.forEach((part, index) => {
    const withSeparator = index < parts.length - 1 ? part + separator : part;
    if (withSeparator === '') return;
    if (count(withSeparator) <= size) pieces.push(withSeparator);
    else pieces.push(...splitPieces(withSeparator, finer, size, count));
  });
  return pieces;
}

// The last resort for a run with no separator: the longest prefixes that fit, by binary search on characters.
function splitByTokens(text: string, size: number, count: TokenCounter): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest !== '') {
    let low = 1;
    let high = rest.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (count(rest.slice(0, middle)) <= size) low = middle;
      else high = middle - 1;
    }
    pieces.push(rest.slice(0, low));
    rest = rest.slice(low);
  }
  return pieces;
}
