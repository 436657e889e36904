// Stage: reads and checks the body (size, content type, UTF-8, JSON, required fields).
import { GantryError } from '../../errors/index.js';
import { checkJsonMediaType, parseJsonRequest, readBody } from '../http/index.js';
import type { Stage } from './gateway-context.js';

export function parseRequest({
  bodyLimitBytes,
  maximumDepth = 64,
}: {
  bodyLimitBytes: number;
  maximumDepth?: number;
}): Stage {
  // Made once: the options of every request.
  const options = { bodyLimitBytes, maximumDepth, invalid };
  return async (context, next) => {
    // readJsonRequest's steps with one await (its async layers cost a promise and a turn each).
    checkJsonMediaType(context.req);
    const { fields, text } = parseJsonRequest(await readBody(context.req, bodyLimitBytes), options);
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
