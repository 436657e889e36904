// Token soup: the shape of an optimised adversarial suffix (GCG and the like) at the word level. Such a
// suffix is one long line of prose followed by "words" that mix letters with code symbols (`]$.`,
// `[[There`, `(@"`), runs of bare symbols and glued camel-case pieces (`compressToString`). Prose, code
// blocks and format instructions differ: code sits on lines of its own (only the last line is read),
// and markup spans a format instruction asks for (`<<title>>`, `*highlight*`, `[name]`, `{x}`, quoted
// words), hashtags, handles, links and HTML entities are not counted. The measure is the share of odd
// tokens in the worst 10-token window of the line's second half, less their share in its first half:
// a suffix is unlike the request it follows. Complements the character model (suffix-model.ts), which
// misses suffixes built from English sub-words.

/** Markup spans a benign format instruction writes, replaced by a plain word before counting. */
const markupSpans =
  /<<[^<>\n]{1,60}>>|\*{1,2}[^*\n]{1,60}\*{1,2}|\[[^[\]\n]{1,60}\]|\{[^{}\n]{1,60}\}|["“”][^"“”\n]{0,60}["“”]/g;
/** An HTML entity anywhere in a token (a scraped tweet's `ho&#8230;`): markup, not a code symbol. */
const htmlEntity = /&#?\w{1,8};/g;
const codeSymbol = /[[\]{}<>@$\\|`~^*=_#]/;
const letter = /[A-Za-z]/;
const bareSymbols = /^[^\p{L}\p{N}\s]{2,}$/u;
const gluedCamel = /[a-z][A-Z][a-z]/;
const notCounted = /^(?:[#@][\p{L}\p{N}_]|https?:|www\.|&#?\w+;)/u;

/** Fewest tokens on the last line for the measure to apply (a short line has no "second half"). */
export const minimumSoupTokens = 12;
const window = 10;

function isOdd(token: string): boolean {
  if (notCounted.test(token)) return false;
  if (letter.test(token) && codeSymbol.test(token)) return true;
  if (bareSymbols.test(token)) return true;
  return gluedCamel.test(token);
}

/** The odd-token contrast of the text's last line (0 when too short); ≥ 0.2 looks like a suffix. */
export function tokenSoup(text: string): number {
  const end = text.length > 4000 ? text.slice(-4000) : text;
  const line = end
    .slice(end.lastIndexOf('\n') + 1)
    .replace(markupSpans, 'x')
    .replace(htmlEntity, '');
  const tokens = line.split(/\s+/).filter(Boolean);
  if (tokens.length < minimumSoupTokens) return 0;
  const odd = tokens.map((token) => (isOdd(token) ? 1 : 0));
  const cut = tokens.length >> 1;
  let headOdd = 0;
  for (let i = 0; i < cut; i++) headOdd += odd[i];
  let inWindow = 0;
  let worst = 0;
  for (let i = cut; i < tokens.length; i++) {
    inWindow += odd[i];
    if (i - cut >= window) inWindow -= odd[i - window];
    if (i - cut >= window - 1) worst = Math.max(worst, inWindow);
  }
  return worst / window - headOdd / cut;
}
