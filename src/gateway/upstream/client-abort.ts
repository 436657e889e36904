// Cancels upstream requests when the client goes away. A whole-answer request (request-whole-answer.ts)
// puts itself in `pending`: one field, no listener. Streams pass this object to undici as its signal:
// undici accepts anything with on/once/removeListener and an 'abort' event, and that costs a fraction
// of an AbortController (measured: an AbortSignal per request added ~16 µs of CPU per proxied
// request). The emitter behind those methods is made only when something listens. One whole-answer
// request at a time per ClientAbort: requests sent in parallel each need their own (route-by-cost.ts
// links one per cascade sample to the client's).
import { EventEmitter } from 'node:events';

/** An upstream request in flight that can be cancelled. */
export interface PendingUpstream {
  cancel(reason: unknown): void;
}

type Listener = (...args: unknown[]) => void;

export class ClientAbort {
  aborted = false;
  reason: unknown = undefined;
  pending: PendingUpstream | undefined = undefined;
  private emitter: EventEmitter | undefined = undefined;

  abort(reason: unknown = new Error('client disconnected')): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.pending?.cancel(reason);
    this.pending = undefined;
    this.emitter?.emit('abort');
  }

  on(event: 'abort', listener: Listener): this {
    this.emitter ??= new EventEmitter();
    this.emitter.on(event, listener);
    return this;
  }

  once(event: 'abort', listener: Listener): this {
    this.emitter ??= new EventEmitter();
    this.emitter.once(event, listener);
    return this;
  }

  off(event: 'abort', listener: Listener): this {
    this.emitter?.off(event, listener);
    return this;
  }

  removeListener(event: 'abort', listener: Listener): this {
    return this.off(event, listener);
  }
}
