export { isJsonMediaType, jsonDepthExceeds, mediaTypeError, tooDeepError } from './json-media-type.js';
export { readBody } from './read-body.js';
export { errorBody, sendError, sendJson } from './send-json.js';
