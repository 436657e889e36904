// The pipelines of the image and audio endpoints: the gateway's own stages (observe, auth, routing
// with the key's model list, limits, the request hook) around the media body reader and the
// pass-through forward. Each request is labelled with its endpoint (images.generations...) in usage
// rows, metrics and spans. Response filters read chat text and are not asked on these routes.

import type { GatewayMetrics } from '../metrics/index.js';
import { compose, type Next, type Stage } from '../pipeline/gateway-context.js';
import { forwardMedia } from './forward-media.js';
import { type MediaEndpointName, mediaEndpoints } from './media-endpoints.js';
import { readMediaBody } from './read-media-body.js';

export interface MediaRouteOptions {
  stages: {
    observe: Stage;
    authenticate: Stage;
    resolveRoute: Stage;
    enforceLimits: Stage;
    requestHook: Stage | undefined;
  };
  metrics: GatewayMetrics | undefined;
  /** JSON bodies (image prompts, speech input). */
  jsonLimitBytes: number;
  /** Multipart bodies (audio files, images to edit). */
  uploadLimitBytes: number;
  maximumAnswerBytes: number;
  maximumDepth: number;
}

export interface MediaPipeline {
  endpoint: MediaEndpointName;
  next: Next;
}

/** One composed pipeline per media path (/v1/images/generations, /v1/audio/speech...). */
export function createMediaPipelines(options: MediaRouteOptions): Map<string, MediaPipeline> {
  const { stages } = options;
  const forward = forwardMedia({ metrics: options.metrics, maximumAnswerBytes: options.maximumAnswerBytes });
  const pipelines = new Map<string, MediaPipeline>();
  for (const [path, endpoint] of mediaEndpoints) {
    const read = readMediaBody({
      endpoint,
      jsonLimitBytes: options.jsonLimitBytes,
      uploadLimitBytes: options.uploadLimitBytes,
      maximumDepth: options.maximumDepth,
    });
    const chain: Stage[] = [
      stages.observe,
      stages.authenticate,
      read,
      stages.resolveRoute,
      stages.enforceLimits,
      ...(stages.requestHook ? [stages.requestHook] : []),
      forward,
    ];
    pipelines.set(path, { endpoint: endpoint.name, next: compose(chain) });
  }
  return pipelines;
}
