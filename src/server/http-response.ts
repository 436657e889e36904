// Writing responses: JSON bodies and OpenAI-style error bodies, the one error shape of every route.
import type { ServerResponse } from 'node:http';
import { GantryError } from '../errors/index.js';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** OpenAI's error type names by HTTP status, so that OpenAI clients raise the matching exception. */
function errorType(status: number): string {
  if (status === 400 || status === 413 || status === 422) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

export function sendError(res: ServerResponse, error: unknown): void {
  const known = GantryError.isInstance(error) && error.code !== 'INTERNAL';
  const status = known ? (error as GantryError).httpStatus : 500;
  const message = known
    ? [(error as GantryError).message, (error as GantryError).hint].filter(Boolean).join(' ')
    : 'Internal server error; the details are in the server log.';
  if (!known)
    process.stderr.write(
      `gantry: internal error while serving a request:\n${(error as Error)?.stack ?? error}\n`,
    );
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, {
    error: {
      message,
      type: errorType(status),
      code: known ? (error as GantryError).code : 'INTERNAL',
      param: null,
    },
  });
}
