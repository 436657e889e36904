// A fresh request context for a translated API route (the routed call is a chat completion), with
// the client-abort wiring the OpenAI routes have: a client that goes away cancels the upstream call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayKeyLimits } from '../../store/index.js';
import type { GatewayContext } from '../pipeline/gateway-context.js';
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
  return {
    req,
    res,
    endpoint: 'chat',
    startedAt: performance.now(),
    abort,
    body: {},
    bodyText: undefined,
    model: '',
    stream: false,
    key: null,
    limits,
    admitted: false,
    route: undefined,
    filter: undefined,
    status: 0,
    upstream: null,
    upstreamModel: null,
    upstreamMs: 0,
    inputTokens: 0,
    outputTokens: 0,
    usageSource: 'none',
    costUsd: 0,
    cached: false,
    responseHeaders: undefined,
    responseText: undefined,
    streamChunks: undefined,
    keepAnswer: false,
    overheadHeader,
    error: undefined,
  };
}
