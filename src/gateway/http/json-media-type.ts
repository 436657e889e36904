// Strict JSON request checks shared by every route: the media type is exactly application/json
// (only a charset parameter, and only UTF-8), so that a cross-site form or `text/plain` body, which
// browsers send without a CORS preflight, is refused; and nesting is bounded before JSON.parse.
import { GantryError } from '../../errors/index.js';

/** True for `application/json`, optionally `; charset=utf-8` (any case, optional quotes, spaces). */
export function isJsonMediaType(header: string | undefined): boolean {
  if (header === undefined) return false;
  // What nearly every client sends: no split, trim or lower-casing on the hot path.
  if (header === 'application/json') return true;
  const [type, ...parameters] = header.split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  for (const parameter of parameters) {
    const equals = parameter.indexOf('=');
    if (equals === -1) return false;
    const name = parameter.slice(0, equals).trim().toLowerCase();
    const value = parameter
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
    if (name !== 'charset' || (value !== 'utf-8' && value !== 'utf8')) return false;
  }
  return true;
}

export function mediaTypeError(header: string | undefined): GantryError {
  return new GantryError(
    'REQUEST_MEDIA_TYPE',
    `Expected a JSON body sent as 'content-type: application/json', got '${(header ?? 'none').slice(0, 100)}'.`,
    { hint: "Send the header 'content-type: application/json' (a charset=utf-8 parameter is allowed)." },
  );
}

/**
 * The deepest nesting of arrays and objects in JSON text, stopping early past `limit`. Strings are
 * skipped (brackets inside them do not count). Linear in the text, no allocation.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

export function tooDeepError(limit: number): GantryError {
  return new GantryError('REQUEST_INVALID', `The request body nests JSON deeper than ${limit} levels.`, {
    hint: 'Flatten the body, or raise security.maximumJsonDepth.',
    details: { limit },
  });
}
