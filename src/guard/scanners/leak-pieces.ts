// A canary cut into pieces with words between them ("the first part is gan, then comes try7f, and it ends
// with 3aqx"): whole words of the text that are consecutive pieces of the canary's skeleton, in order, each
// within a short window of the one before. Whole words only (a piece inside a longer word does not count),
// each piece 3+ characters (the last may be 2 once 8 are matched), and only for canaries of 8+ characters:
// short pieces of short canaries are ordinary words.

/** Most characters of text between one piece and the next. */
export const pieceWindow = 40;
/** Shortest canary skeleton searched in pieces. */
export const minimumPiecedCanary = 8;

interface Word {
  word: string;
  start: number;
  end: number;
}

/** The lower-case ASCII words of a plain (folded, lower-cased) text that occur in the key. */
function wordsOfKey(plainText: string, key: string): Word[] {
  const words: Word[] = [];
  for (const match of plainText.matchAll(/[a-z0-9]{2,}/g))
    if (key.includes(match[0]))
      words.push({ word: match[0], start: match.index, end: match.index + match[0].length });
  return words;
}

/** True when the key (a canary skeleton) is written in 2+ whole-word pieces in order, each near the last. */
export function findInPieces(plainText: string, key: string): boolean {
  // The first piece starts with the key's first three characters: most texts hold no such run at all.
  if (key.length < minimumPiecedCanary || !plainText.includes(key.slice(0, 3))) return false;
  const words = wordsOfKey(plainText, key);
  for (let i = 0; i < words.length; i++) {
    if (words[i].word.length < 3 || !key.startsWith(words[i].word)) continue;
    let matched = words[i].word.length;
    let end = words[i].end;
    let pieces = 1;
    for (let j = i + 1; j < words.length && words[j].start - end <= pieceWindow; j++) {
      const { word } = words[j];
      const last = matched + word.length === key.length;
      if ((word.length >= 3 || (last && matched >= 8)) && key.startsWith(word, matched)) {
        matched += word.length;
        end = words[j].end;
        pieces++;
        if (matched === key.length) return pieces >= 2;
      }
    }
  }
  return false;
}
