// A fresh request context for a translated API route (the routed call is a chat completion), with
// the client-abort wiring the OpenAI routes have: a client that goes away cancels the upstream call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayKeyLimits } from '../../store/index.js';
import { type GatewayContext, newGatewayContext } from '../pipeline/gateway-context.js';
import { ClientAbort } from '../upstream/index.js';

export function newApiContext(
  req: IncomingMessage,
  res: ServerResponse,
  limits: GatewayKeyLimits,
  overheadHeader: boolean,
): GatewayContext {
  const abort = new ClientAbort();
  res.on('close', () => {
    if (!res.writableFinished) abort.abort(new Error('client disconnected'));
  });
  return newGatewayContext({ req, res, endpoint: 'chat', abort, limits, overheadHeader });
}
