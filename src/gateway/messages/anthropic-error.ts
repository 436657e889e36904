// Errors in Anthropic's shape, for the /v1/messages route: {"type": "error", "error": {"type", "message"}}.
import type { SseEvent } from '../apis/sse-event.js';
import { errorBody } from '../http/index.js';
import type { Stage } from '../pipeline/gateway-context.js';

const typeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  415: 'invalid_request_error',
  429: 'rate_limit_error',
  503: 'overloaded_error',
  529: 'overloaded_error',
};

export function anthropicErrorType(status: number): string {
  return typeByStatus[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export function anthropicError(status: number, message: string): Record<string, unknown> {
  return { type: 'error', error: { type: anthropicErrorType(status), message } };
}

/** The Anthropic error body for an error (GantryError or not), with its status and Retry-After. */
export function anthropicErrorBody(error: unknown): { status: number; body: string; retryAfterMs?: number } {
  const openai = errorBody(error);
  const { message } = (JSON.parse(openai.body) as { error: { message: string } }).error;
  return {
    status: openai.status,
    body: JSON.stringify(anthropicError(openai.status, message)),
    retryAfterMs: openai.retryAfterMs,
  };
}

export function anthropicErrorEvent(error: unknown): SseEvent {
  const { status } = errorBody(error);
  const { message } = (JSON.parse(errorBody(error).body) as { error: { message: string } }).error;
  return { event: 'error', data: anthropicError(status, message) };
}

/** Stage: answers any failure of the stages after it in Anthropic's error shape (then rethrows for the log). */
export function anthropicErrors(): Stage {
  return async (context, next) => {
    try {
      await next(context);
    } catch (error) {
      if (!context.res.headersSent) {
        const { status, body, retryAfterMs } = anthropicErrorBody(error);
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        };
        if (retryAfterMs !== undefined)
          headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
        context.res.writeHead(status, headers);
        context.res.end(body);
        context.status = status;
      }
      throw error;
    }
  };
}
