// JSON as small models write it: trailing commas, single quotes, Python True/None, comments, a
// missing closing brace, or an object encoded twice as a string. jsonrepair does the repairs.
import { jsonrepair } from 'jsonrepair';

export type LooseJsonResult = { ok: true; value: unknown; repaired: boolean } | { ok: false; error: string };

export function parseLooseJson(text: string): LooseJsonResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: {}, repaired: true };
  let result: LooseJsonResult;
  try {
    result = { ok: true, value: JSON.parse(trimmed), repaired: false };
  } catch {
    try {
      result = { ok: true, value: JSON.parse(jsonrepair(trimmed)), repaired: true };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }
  // Arguments double-encoded as a JSON string: '"{\"city\": \"Paris\"}"'.
  if (typeof result.value === 'string' && /^\s*[[{]/.test(result.value)) {
    const inner = parseLooseJson(result.value);
    if (inner.ok) return { ok: true, value: inner.value, repaired: true };
  }
  return result;
}
