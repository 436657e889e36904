export { isJsonMediaType, jsonDepthExceeds, mediaTypeError, tooDeepError } from './json-media-type.js';
export { readBody } from './read-body.js';
export {
  checkJsonMediaType,
  type JsonReadOptions,
  type JsonRequest,
  parseJsonObject,
  parseJsonRequest,
  readJsonObject,
  readJsonRequest,
} from './read-json-request.js';
export { type CloseHookResponse, closeHook, onResponseClose } from './response-close.js';
export { errorBody, sendError, sendJson } from './send-json.js';
