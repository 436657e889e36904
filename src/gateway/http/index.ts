export { isJsonMediaType, jsonDepthExceeds, mediaTypeError, tooDeepError } from './json-media-type.js';
export { readBody } from './read-body.js';
export {
  type JsonReadOptions,
  type JsonRequest,
  readJsonObject,
  readJsonRequest,
} from './read-json-request.js';
export { errorBody, sendError, sendJson } from './send-json.js';
