// Frozen copy of src/guard/pii/tokenize.ts before the guardfast change (commit 84228a7): the oracle that
// test/guard-fast-path.test.ts compares the optimised hot path with. Not used by the product.

// Word tokens with their character offsets; punctuation is its own token, newlines are kept because
// they separate the lines of a postal address.

export interface Token {
  text: string;
  start: number;
  end: number;
}

const tokenPattern = /[\p{L}\p{M}\p{N}]+(?:['’.-][\p{L}\p{M}\p{N}]+)*\.?|\n|[^\s\p{L}\p{M}\p{N}]/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(tokenPattern)) {
    tokens.push({ text: match[0], start: match.index!, end: match.index! + match[0].length });
  }
  return tokens;
}
