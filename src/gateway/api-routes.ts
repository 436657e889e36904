// The routes of the translated APIs: POST /v1/responses, GET and DELETE /v1/responses/{id}, and
// POST /v1/messages; and the image and audio endpoints passed through (/v1/images/*, /v1/audio/*). Each runs the gateway's own stages (observe, auth, routing, limits, hooks) around
// its body reader and the translated forward stage.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GantryError } from '../errors/index.js';
import type { GatewayKeyLimits, GatewayResponseRepository } from '../store/index.js';
import { forwardTranslated, type InboundApi, newApiContext, readApiBody } from './apis/index.js';
import { sendError } from './http/index.js';
import { createMediaPipelines, type MediaEndpointName } from './media/index.js';
import { anthropicErrorBody, anthropicErrors, messagesApi } from './messages/index.js';
import type { GatewayMetrics } from './metrics/index.js';
import { compose, type Next, type Stage } from './pipeline/gateway-context.js';
import { type Caller, responsesApi, storedResponses } from './responses/index.js';

export interface ApiRouteOptions {
  /** The gateway's stages, shared with the OpenAI routes. */
  stages: {
    observe: Stage;
    authenticate: Stage;
    checkImages: Stage;
    resolveRoute: Stage;
    enforceLimits: Stage;
    requestHook: Stage | undefined;
  };
  metrics: GatewayMetrics | undefined;
  bodyLimitBytes: number;
  maximumDepth: number;
  defaultLimits: GatewayKeyLimits;
  overheadHeader: boolean;
  responses: GatewayResponseRepository;
  caller: Caller;
  onInternalError: (error: unknown) => void;
  /** /v1/images/* and /v1/audio/*: upload and answer limits (defaults: 25 MiB, 64 MiB). */
  media?: { maximumUploadBytes: number; maximumAnswerBytes: number };
}

/** Returns a handler that serves the API routes and returns false for any other path. */
export function createApiRoutes(options: ApiRouteOptions) {
  const { stages, metrics, bodyLimitBytes, maximumDepth, defaultLimits, overheadHeader } = options;
  const pipeline = (api: InboundApi, errorShape?: Stage): Next =>
    compose([
      stages.observe,
      ...(errorShape ? [errorShape] : []),
      stages.authenticate,
      readApiBody({ api, bodyLimitBytes, maximumDepth }),
      stages.checkImages,
      stages.resolveRoute,
      stages.enforceLimits,
      ...(stages.requestHook ? [stages.requestHook] : []),
      forwardTranslated({ metrics }),
    ]);
  const responses = pipeline(responsesApi({ repository: options.responses }));
  const messages = pipeline(messagesApi(), anthropicErrors());
  const stored = storedResponses({ repository: options.responses, caller: options.caller });
  const media = createMediaPipelines({
    stages,
    metrics,
    jsonLimitBytes: bodyLimitBytes,
    uploadLimitBytes: options.media?.maximumUploadBytes ?? 25 * 1024 * 1024,
    maximumAnswerBytes: options.media?.maximumAnswerBytes ?? 64 * 1024 * 1024,
    maximumDepth,
  });
  const run = (next: Next, req: IncomingMessage, res: ServerResponse, endpoint?: MediaEndpointName) =>
    next(newApiContext(req, res, defaultLimits, overheadHeader, endpoint)).catch(options.onInternalError);

  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    const mediaPipeline = media.get(path);
    if (mediaPipeline) {
      if (req.method === 'POST') run(mediaPipeline.next, req, res, mediaPipeline.endpoint);
      else sendError(res, postOnly(path));
      return true;
    }
    if (path === '/v1/responses') {
      if (req.method === 'POST') run(responses, req, res);
      else sendError(res, postOnly(path));
      return true;
    }
    if (path.startsWith('/v1/responses/')) {
      const [id, part, extra] = path.slice('/v1/responses/'.length).split('/').map(safeDecode);
      const valid = id && extra === undefined && (part === undefined || part === 'input_items');
      if (valid && (req.method === 'GET' || (req.method === 'DELETE' && part === undefined)))
        stored(req, res, id, part);
      else
        sendError(
          res,
          new GantryError('ROUTE_NOT_FOUND', `${req.method} ${path} is not served.`, {
            hint: 'GET or DELETE /v1/responses/{id}, GET /v1/responses/{id}/input_items.',
          }),
        );
      return true;
    }
    if (path === '/v1/messages') {
      if (req.method === 'POST') run(messages, req, res);
      else {
        const { status, body } = anthropicErrorBody(postOnly(path));
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      }
      return true;
    }
    return false;
  };
}

function postOnly(path: string): GantryError {
  return new GantryError('ROUTE_NOT_FOUND', `${path} accepts POST only.`, {
    hint: 'Send a POST request with a JSON body.',
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
