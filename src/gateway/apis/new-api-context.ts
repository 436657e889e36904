// A fresh request context for a translated API route (the routed call is a chat completion), with
// the client-abort wiring the OpenAI routes have: a client that goes away cancels the upstream call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayKeyLimits } from '../../store/index.js';
import { type GatewayContext, type GatewayEndpoint, newGatewayContext } from '../pipeline/gateway-context.js';
import { ClientAbort } from '../upstream/index.js';

export function newApiContext(
  req: IncomingMessage,
  res: ServerResponse,
  limits: GatewayKeyLimits,
  overheadHeader: boolean,
  /** 'chat' for the translated APIs (their routed call is a chat completion); the media path's label. */
  endpoint: GatewayEndpoint = 'chat',
): GatewayContext {
  const abort = new ClientAbort();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort(new Error('client disconnected'));
  });
  return newGatewayContext({ req, res, endpoint, abort, limits, overheadHeader });
}
