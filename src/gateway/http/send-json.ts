// Writes JSON answers and OpenAI-style error bodies: {"error": {"message", "type", "code", "param"}}.
import type { ServerResponse } from 'node:http';
import { GantryError } from '../../errors/index.js';

export function sendJson(
  res: ServerResponse,
  status: number,
  payload: string,
  headers?: Record<string, string>,
  /** One more header after `headers` (the gateway's overhead header), without an object for it. */
  lastName?: string,
  lastValue?: string,
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  // writeHead with a flat array is Node's cheapest way to send headers (no per-header setHeader).
  const length = String(Buffer.byteLength(payload));
  if (!headers && lastName !== undefined && lastValue !== undefined) {
    // The gateway's common answer: one literal of its final size (no push that grows the array).
    res.writeHead(status, [
      'content-type',
      'application/json',
      'content-length',
      length,
      lastName,
      lastValue,
    ]);
  } else {
    const raw = ['content-type', 'application/json', 'content-length', length];
    if (headers) for (const name in headers) raw.push(name, headers[name]);
    if (lastName !== undefined && lastValue !== undefined) raw.push(lastName, lastValue);
    res.writeHead(status, raw);
  }
  res.end(payload);
}

const typeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'invalid_request_error',
  429: 'rate_limit_error',
};

/** The OpenAI error object for an error (GantryError or not). */
export function errorBody(error: unknown): {
  status: number;
  body: string;
  retryAfterMs: number | undefined;
} {
  const gantry = GantryError.isInstance(error)
    ? error
    : new GantryError('INTERNAL', 'The gateway failed unexpectedly; the error was logged.', { cause: error });
  const status = gantry.httpStatus;
  const message = gantry.hint ? `${gantry.message} ${gantry.hint}` : gantry.message;
  const retryAfterMs =
    typeof gantry.details.retryAfterMs === 'number' ? gantry.details.retryAfterMs : undefined;
  const body = JSON.stringify({
    error: {
      message,
      type: typeByStatus[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
      code: gantry.code,
      param: typeof gantry.details.param === 'string' ? gantry.details.param : null,
    },
  });
  return { status, body, retryAfterMs };
}

export function sendError(res: ServerResponse, error: unknown): number {
  const { status, body, retryAfterMs } = errorBody(error);
  const headers: Record<string, string> = {};
  if (retryAfterMs !== undefined)
    headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  sendJson(res, status, body, headers);
  return status;
}
