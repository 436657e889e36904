// A JSON call object (or list of them) inside an envelope, read from `from`; a value that cannot be
// read is an error naming the tool when its name can still be seen.
import { argumentError, callsFromJson, type JsonCalls } from '../call-shapes.js';
import { readValue } from '../read-value.js';
import type { CallFormat, ParseContext, Repair } from '../types.js';

export interface JsonBody extends JsonCalls {
  end: number;
}

export function jsonBody(
  text: string,
  from: number,
  limit: number,
  format: CallFormat,
  context: ParseContext,
  repairs: Repair[],
): JsonBody {
  const read = readValue(text, from);
  if (!read.ok) {
    const raw = text.slice(from, limit);
    const name = /["']?(?:name|tool|action)["']?\s*:\s*["']([^"']+)["']/.exec(raw)?.[1];
    return {
      calls: [],
      errors: [argumentError(read, name && context.resolve(name).name, raw, format)],
      matched: true,
      end: limit,
    };
  }
  const envelopeRepairs = [...repairs];
  for (const kind of read.repairs) envelopeRepairs.push({ kind, detail: `JSON written with ${kind}` });
  const raw = text.slice(from, read.end);
  return { ...callsFromJson(read.value, raw, format, context, envelopeRepairs), end: read.end };
}

/** Index of the first non-whitespace character at or after `from`. */
export function skipSpace(text: string, from: number): number {
  let index = from;
  while (index < text.length && /\s/.test(text[index])) index++;
  return index;
}
