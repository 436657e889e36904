// The pipelines of the image and audio endpoints: the gateway's own stages (observe, auth, routing
// with the key's model list, limits) around the media body reader and the pass-through forward.
// Request hooks and response filters (which read chat text) are not run on these routes.

import type { GatewayMetrics } from '../metrics/index.js';
import { compose, type Next, type Stage } from '../pipeline/gateway-context.js';
import { forwardMedia } from './forward-media.js';
import { mediaEndpoints } from './media-endpoints.js';
import { readMediaBody } from './read-media-body.js';

export interface MediaRouteOptions {
  stages: { observe: Stage; authenticate: Stage; resolveRoute: Stage; enforceLimits: Stage };
  metrics: GatewayMetrics | undefined;
  /** JSON bodies (image prompts, speech input). */
  jsonLimitBytes: number;
  /** Multipart bodies (audio files, images to edit). */
  uploadLimitBytes: number;
  maximumAnswerBytes: number;
  maximumDepth: number;
}

/** One composed pipeline per media path (/v1/images/generations, /v1/audio/speech...). */
export function createMediaPipelines(options: MediaRouteOptions): Map<string, Next> {
  const { stages } = options;
  const forward = forwardMedia({ metrics: options.metrics, maximumAnswerBytes: options.maximumAnswerBytes });
  const pipelines = new Map<string, Next>();
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
      forward,
    ];
    pipelines.set(path, compose(chain));
  }
  return pipelines;
}
