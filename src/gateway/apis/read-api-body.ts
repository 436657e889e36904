// Stage: reads the JSON body of a translated API request (the same checks as the OpenAI routes:
// size, media type, UTF-8, depth) and asks the API for its exchange, which becomes the routed body.
import { GantryError } from '../../errors/index.js';
import { readJsonRequest } from '../http/index.js';
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
    const { fields } = await readJsonRequest(context.req, {
      bodyLimitBytes,
      maximumDepth,
      invalid: invalidBody,
    });
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
