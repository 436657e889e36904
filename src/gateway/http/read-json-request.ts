// The checks every JSON route of the gateway makes before it looks at the API's own fields: exactly
// application/json (a browser sends text/plain or a form cross-site without a preflight), the size
// limit, UTF-8, nesting depth and a JSON object (readJsonObject, also used by the image and audio
// routes); then a non-empty string `model` and a boolean `stream` (readJsonRequest).
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { GantryError } from '../../errors/index.js';
import { isJsonMediaType, jsonDepthExceeds, mediaTypeError, tooDeepError } from './json-media-type.js';
import { readBody } from './read-body.js';

export interface JsonRequest {
  fields: Record<string, unknown> & { model: string };
  /** The body's text as received. */
  text: string;
}

export interface JsonReadOptions {
  bodyLimitBytes: number;
  maximumDepth: number;
  /** The route's REQUEST_INVALID error (its hint points at the API's reference). */
  invalid: (message: string, param?: string) => GantryError;
}

/** A JSON object body, with `model` and `stream` checked as every OpenAI-shaped route wants them. */
export async function readJsonRequest(req: IncomingMessage, options: JsonReadOptions): Promise<JsonRequest> {
  checkJsonMediaType(req);
  return parseJsonRequest(await readBody(req, options.bodyLimitBytes), options);
}

/** The body as a JSON object: media type, size, UTF-8, depth and shape checked; no field looked at. */
export async function readJsonObject(
  req: IncomingMessage,
  options: JsonReadOptions,
): Promise<{ fields: Record<string, unknown>; text: string }> {
  checkJsonMediaType(req);
  return parseJsonObject(await readBody(req, options.bodyLimitBytes), options);
}

/**
 * Throws (and drains the body) unless the request is `application/json`. With readBody and
 * parseJsonRequest, the steps of readJsonRequest for a stage that wants one await per request (each
 * async layer costs a promise and a microtask turn on the hot path).
 */
export function checkJsonMediaType(req: IncomingMessage): void {
  const contentType = req.headers['content-type'];
  if (!isJsonMediaType(contentType)) {
    req.resume();
    throw mediaTypeError(contentType);
  }
}

/** readJsonRequest's checks on a body already read. */
export function parseJsonRequest(raw: Buffer, options: JsonReadOptions): JsonRequest {
  const { fields, text } = parseJsonObject(raw, options);
  const { invalid } = options;
  if (typeof fields.model !== 'string' || fields.model.length === 0) {
    throw invalid("The request has no 'model'.", 'model');
  }
  if (fields.stream !== undefined && typeof fields.stream !== 'boolean')
    throw invalid("'stream' must be a boolean.", 'stream');
  return { fields: fields as JsonRequest['fields'], text };
}

/** readJsonObject's checks on a body already read: UTF-8, depth, JSON, an object. */
export function parseJsonObject(
  raw: Buffer,
  { maximumDepth, invalid }: JsonReadOptions,
): { fields: Record<string, unknown>; text: string } {
  if (!isUtf8(raw)) throw invalid('The request body is not valid UTF-8.');
  const text = raw.toString('utf8');
  // Valid JSON nested deeper than the limit has at least 2 × (limit + 1) characters, so a shorter body
  // (most requests: the default limit is 64) needs no scan; an unbalanced one fails as invalid JSON.
  if (text.length >= 2 * (maximumDepth + 1) && jsonDepthExceeds(text, maximumDepth))
    throw tooDeepError(maximumDepth);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw invalid(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('The request body must be a JSON object.');
  return { fields: body as Record<string, unknown>, text };
}
