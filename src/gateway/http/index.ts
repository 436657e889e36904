export { readBody } from './read-body.js';
export { errorBody, sendError, sendJson } from './send-json.js';
