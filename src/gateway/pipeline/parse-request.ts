// Stage: reads and checks the body (size, content type, UTF-8, JSON, required fields).
import { isUtf8 } from 'node:buffer';
import { GantryError } from '../../errors/index.js';
import { isJsonMediaType, jsonDepthExceeds, mediaTypeError, readBody, tooDeepError } from '../http/index.js';
import type { Stage } from './gateway-context.js';

export function parseRequest({
  bodyLimitBytes,
  maximumDepth = 64,
}: {
  bodyLimitBytes: number;
  maximumDepth?: number;
}): Stage {
  return async (context, next) => {
    const contentType = context.req.headers['content-type'];
    // Exactly application/json: a browser sends text/plain or a form cross-site without a preflight.
    if (!isJsonMediaType(contentType)) {
      context.req.resume();
      throw mediaTypeError(contentType);
    }
    const raw = await readBody(context.req, bodyLimitBytes);
    if (!isUtf8(raw)) throw invalid('The request body is not valid UTF-8.');
    const text = raw.toString('utf8');
    if (jsonDepthExceeds(text, maximumDepth)) throw tooDeepError(maximumDepth);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw invalid(`The request body is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw invalid('The request body must be a JSON object.');
    const fields = body as Record<string, unknown>;
    if (typeof fields.model !== 'string' || fields.model.length === 0) {
      throw invalid("The request has no 'model'.", 'model');
    }
    if (fields.stream !== undefined && typeof fields.stream !== 'boolean')
      throw invalid("'stream' must be a boolean.", 'stream');
    const { endpoint } = context;
    if (endpoint === 'chat' && (!Array.isArray(fields.messages) || fields.messages.length === 0)) {
      throw invalid("'messages' must be a non-empty array.", 'messages');
    }
    if (endpoint === 'chat' && !everyMessageHasRole(fields.messages as unknown[])) {
      throw invalid("Each message needs a 'role'.", 'messages');
    }
    if (endpoint === 'completions' && fields.prompt === undefined)
      throw invalid("'prompt' is required.", 'prompt');
    if (endpoint === 'embeddings' && fields.input === undefined)
      throw invalid("'input' is required.", 'input');
    if (endpoint === 'embeddings' && fields.stream === true)
      throw invalid('Embeddings cannot be streamed.', 'stream');
    context.body = fields;
    context.bodyText = text;
    context.model = fields.model;
    context.stream = fields.stream === true;
    await next(context);
  };
}

/** A loop rather than every() with a callback: no closure per request. */
function everyMessageHasRole(messages: unknown[]): boolean {
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (typeof m !== 'object' || m === null || typeof (m as { role?: unknown }).role !== 'string')
      return false;
  }
  return true;
}

function invalid(message: string, param?: string): GantryError {
  return new GantryError('REQUEST_INVALID', message, {
    hint: 'See the OpenAI API reference for the request shape.',
    details: param ? { param } : {},
  });
}
