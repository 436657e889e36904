// A whole (non-streamed) answer through undici's dispatch API. undici's request() wraps every call in
// an AsyncResource, a Readable body stream, an abort listener on the signal and a second promise for
// body.text(); a JSON answer needs none of that. One handler object per request collects the bytes
// and settles one promise. A client that goes away cancels the request through the ClientAbort's
// `pending` slot (one field, no listener to add and remove).
import { type Dispatcher, util } from 'undici';
import type { ClientAbort, PendingUpstream } from './client-abort.js';
import type { UpstreamResponse } from './upstream.js';
import { answerCut, classifyError, statusFailure } from './upstream-failure.js';

const { parseHeaders } = util;

export interface WholeAnswer {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface WholeAnswerRequest {
  path: string;
  /** An object, or name/value pairs in one flat list (`['content-type', 'application/json', ...]`). */
  headers: Record<string, string> | string[];
  body: string;
  signal: ClientAbort;
  /** Upstream name, for error messages. */
  name: string;
  /** Per-request timeouts; omitted: the pool's. */
  headersTimeout?: number;
  bodyTimeout?: number;
}

type JsonAnswer = Extract<UpstreamResponse, { kind: 'json' }>;

/**
 * undici's own (v1) handler interface: onConnect, onHeaders, onData, onComplete, onError. A handler
 * written against the newer onRequestStart/onResponse* interface is wrapped by undici in an
 * UnwrapHandler and an UnwrapController per request, and its raw headers and trailers are turned
 * into objects for it (parseHeaders) on every answer; this one parses the headers only when they are
 * used (the status failure's Retry-After, requestWholeAnswer's result), and the trailers never.
 */
class WholeAnswerHandler implements PendingUpstream {
  private abortRequest: ((reason: Error) => void) | undefined;
  private aborted = false;
  private cancelled: Error | undefined;
  private statusCode = 0;
  private rawHeaders: Buffer[] | string[] | null = null;
  private started = false;
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly signal: ClientAbort,
    private readonly name: string,
    private readonly resolve: (answer: WholeAnswer | JsonAnswer) => void,
    private readonly reject: (error: unknown) => void,
    /** Settle as a route's JSON answer (an error status rejects), not as the raw WholeAnswer. */
    private readonly json = false,
  ) {}

  cancel(reason: unknown): void {
    const error = reason instanceof Error ? reason : new Error(String(reason));
    if (this.abortRequest) this.abort(error);
    else this.cancelled = error;
  }

  /** Once, as undici's UnwrapController did: a second abort is ignored. */
  private abort(error: Error): void {
    if (this.aborted || !this.abortRequest) return;
    this.aborted = true;
    this.abortRequest(error);
  }

  onConnect(abort: (reason: Error) => void): void {
    this.abortRequest = abort;
    if (this.cancelled !== undefined) this.abort(this.cancelled);
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[] | string[] | null): boolean {
    if (statusCode < 200) return true; // 1xx: informational, the answer follows
    this.statusCode = statusCode;
    this.rawHeaders = rawHeaders;
    this.started = true;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }

  onComplete(): void {
    this.signal.pending = undefined;
    const { chunks } = this;
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.size);
    const text = bytes.toString('utf8');
    if (!this.json) this.resolve({ statusCode: this.statusCode, headers: this.headers(), text });
    else if (this.statusCode >= 400)
      this.reject(statusFailure(this.name, this.statusCode, this.headers(), text));
    else this.resolve({ kind: 'json', status: this.statusCode, text });
  }

  onError(error: Error): void {
    this.signal.pending = undefined;
    this.reject(this.started ? answerCut(error, this.signal, this.name) : classifyError(error, this.signal));
  }

  /** The answer's headers as the newer interface gave them (undici's parseHeaders, names lower-cased). */
  private headers(): WholeAnswer['headers'] {
    return this.rawHeaders === null ? {} : parseHeaders(this.rawHeaders);
  }
}

/** POSTs `body` and resolves with the whole answer; rejects with an UpstreamFailure. */
export function requestWholeAnswer(
  dispatcher: Dispatcher,
  request: WholeAnswerRequest,
): Promise<WholeAnswer> {
  return dispatchWhole(dispatcher, request, false) as Promise<WholeAnswer>;
}

/**
 * requestWholeAnswer as a route's JSON answer: `{ kind: 'json', status, text }`, or a rejection with
 * the status failure (status, Retry-After, body) for a status of 400 or more. Settled by the handler
 * itself: no second promise or turn to map the answer.
 */
export function requestJsonAnswer(dispatcher: Dispatcher, request: WholeAnswerRequest): Promise<JsonAnswer> {
  return dispatchWhole(dispatcher, request, true) as Promise<JsonAnswer>;
}

function dispatchWhole(
  dispatcher: Dispatcher,
  request: WholeAnswerRequest,
  json: boolean,
): Promise<WholeAnswer | JsonAnswer> {
  const { signal } = request;
  if (signal.aborted) return Promise.reject(classifyError(signal.reason, signal));
  return new Promise((resolve, reject) => {
    const handler = new WholeAnswerHandler(signal, request.name, resolve, reject, json);
    signal.pending = handler;
    const options: Dispatcher.DispatchOptions = {
      path: request.path,
      method: 'POST',
      headers: request.headers,
      body: request.body,
    };
    if (request.headersTimeout !== undefined) options.headersTimeout = request.headersTimeout;
    if (request.bodyTimeout !== undefined) options.bodyTimeout = request.bodyTimeout;
    dispatcher.dispatch(options, handler as unknown as Dispatcher.DispatchHandler);
  });
}
