// The client's JSON text with its model alias swapped for a target's model, without parsing and
// re-serialising the whole body (a long conversation costs tens of µs to stringify). Only when the
// swap is unambiguous: one literal `"model"` in the text, no \u escapes (which could spell another
// "model" key), followed by the alias as a JSON string. Otherwise undefined: serialise the object.

const key = '"model"';

export function replaceModel(text: string, alias: string, model: string): string | undefined {
  const at = text.indexOf(key);
  if (at === -1 || text.indexOf(key, at + key.length) !== -1 || text.includes('\\u')) return undefined;
  if (at > 0 && text.charCodeAt(at - 1) === 92) return undefined; // \"model\" inside a string
  let i = skipSpace(text, at + key.length);
  if (text.charCodeAt(i) !== 58) return undefined; // ':'
  i = skipSpace(text, i + 1);
  const quoted = quote(alias);
  if (!text.startsWith(quoted, i)) return undefined;
  if (alias === model) return text;
  return text.slice(0, i) + quote(model) + text.slice(i + quoted.length);
}

// The JSON forms of the names seen (aliases and target models: a handful per gateway), so that a
// request costs two Map lookups instead of two JSON.stringify calls (~85 ns each on Node 20.20).
// Bounded: a flood of unknown aliases only refills it.
const quotedNames = new Map<string, string>();
const maximumQuotedNames = 1024;

function quote(name: string): string {
  let quoted = quotedNames.get(name);
  if (quoted === undefined) {
    quoted = JSON.stringify(name);
    if (quotedNames.size >= maximumQuotedNames) quotedNames.clear();
    quotedNames.set(name, quoted);
  }
  return quoted;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return i;
    i++;
  }
}
