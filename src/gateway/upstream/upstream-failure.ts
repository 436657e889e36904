// A failed upstream call, classified so that routing can decide: fall back, retry, or give up.

export type FailureKind = 'status' | 'timeout' | 'connection' | 'cut';

import type { ClientAbort } from './client-abort.js';

export class UpstreamFailure extends Error {
  readonly kind: FailureKind;
  readonly status: number | undefined;
  /** Parsed Retry-After, in ms. */
  readonly retryAfterMs: number | undefined;
  /** The upstream's error body, passed to the client when no fallback applies. */
  readonly body: string | undefined;

  constructor(
    kind: FailureKind,
    message: string,
    options: { status?: number; retryAfterMs?: number; body?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UpstreamFailure';
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.body = options.body;
  }
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * An answer that broke off after its headers: a timeout or a connection failure, so that routing
 * falls back exactly as for a failed connect.
 */
export function answerCut(error: unknown, signal: ClientAbort, name: string): UpstreamFailure {
  const failure = classifyError(error, signal);
  return new UpstreamFailure(
    failure.kind === 'timeout' ? 'timeout' : 'connection',
    `${name}: answer cut: ${failure.message}`,
    { cause: error },
  );
}

/** Maps undici / network errors to a failure kind. */
export function classifyError(error: unknown, signal: ClientAbort): UpstreamFailure {
  if (error instanceof UpstreamFailure) return error;
  const code = (error as { code?: string }).code ?? '';
  const name = (error as { name?: string }).name ?? '';
  const message = (error as Error).message ?? String(error);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || name === 'TimeoutError') {
    return new UpstreamFailure('timeout', `upstream timed out (${code || name})`, { cause: error });
  }
  if (signal.aborted && (name === 'AbortError' || code === 'UND_ERR_ABORTED')) {
    const reason = signal.reason as { name?: string } | undefined;
    if (reason?.name === 'TimeoutError')
      return new UpstreamFailure('timeout', 'upstream timed out', { cause: error });
  }
  return new UpstreamFailure('connection', `upstream connection failed: ${message}`, { cause: error });
}

/** An answer with an error status: the status, its Retry-After and the body, for routing and the client. */
export function statusFailure(
  name: string,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
): UpstreamFailure {
  return new UpstreamFailure('status', `${name} answered ${status}`, {
    status,
    retryAfterMs: parseRetryAfter(headers['retry-after']),
    body: text,
  });
}
