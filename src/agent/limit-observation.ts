// Caps what one tool result may put into the model's context: a page or a file can be far larger
// than the context window, and the model rarely needs all of it.

export function limitObservation(output: unknown, maximumCharacters: number): unknown {
  const text = typeof output === 'string' ? output : undefined;
  if (text !== undefined) return text.length > maximumCharacters ? cut(text, maximumCharacters) : text;
  if (output === null || typeof output !== 'object') return output;
  const json = JSON.stringify(output);
  return json.length > maximumCharacters ? cut(json, maximumCharacters) : output;
}

function cut(text: string, maximumCharacters: number): string {
  return `${text.slice(0, maximumCharacters)}… [cut: ${text.length - maximumCharacters} more characters]`;
}
