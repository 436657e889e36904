// The image and audio endpoints passed through to upstreams that offer them.
export { accountMedia } from './account-media.js';
export { callMedia, type MediaCall, mediaTargets } from './call-media.js';
export { forwardMedia } from './forward-media.js';
export { type MediaEndpoint, type MediaEndpointName, mediaEndpoints } from './media-endpoints.js';
export { createMediaPipelines, type MediaPipeline, type MediaRouteOptions } from './media-routes.js';
export { type MediaPayload, payloadOf, readMediaBody } from './read-media-body.js';
export { SseUsageWatcher } from './stream-usage.js';
