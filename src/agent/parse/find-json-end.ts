// Where the JSON value starting at `start` ends, tracking strings (either quote) and nesting, so
// that a call can be cut out of surrounding prose. An unterminated value ends at the text's end.

export function findJsonEnd(text: string, start: number): number {
  const open = text[start];
  if (open !== '{' && open !== '[') return start;
  let depth = 0;
  let quote: string | undefined;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return text.length;
}
