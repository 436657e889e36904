// Stage: reads the JSON body of a translated API request (the same checks as the OpenAI routes:
// size, media type, UTF-8, depth) and asks the API for its exchange, which becomes the routed body.
import { isUtf8 } from 'node:buffer';
import { GantryError } from '../../errors/index.js';
import { isJsonMediaType, jsonDepthExceeds, mediaTypeError, readBody, tooDeepError } from '../http/index.js';
import type { GatewayContext, Stage } from '../pipeline/gateway-context.js';
import type { ApiExchange, InboundApi } from './api-exchange.js';

const exchanges = new WeakMap<GatewayContext, ApiExchange>();

/** The exchange read-api-body made for this request. */
export function exchangeOf(context: GatewayContext): ApiExchange {
  const exchange = exchanges.get(context);
  if (!exchange) throw new GantryError('INTERNAL', 'A translated route ran without its exchange.');
  return exchange;
}

export function readApiBody({
  api,
  bodyLimitBytes,
  maximumDepth = 64,
}: {
  api: InboundApi;
  bodyLimitBytes: number;
  maximumDepth?: number;
}): Stage {
  return async (context, next) => {
    const contentType = context.req.headers['content-type'];
    if (!isJsonMediaType(contentType)) {
      context.req.resume();
      throw mediaTypeError(contentType);
    }
    const raw = await readBody(context.req, bodyLimitBytes);
    if (!isUtf8(raw)) throw invalidBody('The request body is not valid UTF-8.');
    const text = raw.toString('utf8');
    if (jsonDepthExceeds(text, maximumDepth)) throw tooDeepError(maximumDepth);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw invalidBody(`The request body is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw invalidBody('The request body must be a JSON object.');
    const fields = body as Record<string, unknown>;
    if (typeof fields.model !== 'string' || fields.model.length === 0) {
      throw invalidBody("The request has no 'model'.", 'model');
    }
    if (fields.stream !== undefined && typeof fields.stream !== 'boolean')
      throw invalidBody("'stream' must be a boolean.", 'stream');
    context.model = fields.model;
    context.stream = fields.stream === true;
    const exchange = await api(fields, context);
    exchanges.set(context, exchange);
    context.body = exchange.chatBody;
    context.bodyText = undefined;
    await next(context);
  };
}

export function invalidBody(message: string, param?: string): GantryError {
  return new GantryError('REQUEST_INVALID', message, {
    hint: 'See docs/gateway.md for the request shapes the gateway accepts.',
    details: param ? { param } : {},
  });
}
