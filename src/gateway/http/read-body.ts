// Reads a request body up to a byte limit. A declared Content-Length over the limit is refused
// before a byte is read; a body that grows past it is cut off.
import type { IncomingMessage } from 'node:http';
import { GantryError } from '../../errors/index.js';

interface BodyState {
  chunks: Buffer[];
  size: number;
  limitBytes: number;
  resolve: (body: Buffer) => void;
  reject: (error: unknown) => void;
}

const bodyState = Symbol('gantry.readBody');
type Reading = IncomingMessage & { [bodyState]?: BodyState };

export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limitBytes) return Promise.reject(tooLarge(limitBytes, declared));
  // The listeners are shared functions reading their state from the request (`this`): this runs on
  // every request, and per-request closures cost allocations.
  return new Promise((resolve, reject) => {
    (req as Reading)[bodyState] = { chunks: [], size: 0, limitBytes, resolve, reject };
    req.on('data', onData);
    req.on('end', onEnd);
    // A client that goes away mid-body makes the request emit 'error' (ECONNRESET / aborted).
    req.on('error', onError);
  });
}

function onData(this: Reading, chunk: Buffer): void {
  const state = this[bodyState];
  if (!state) return;
  state.size += chunk.length;
  if (state.size > state.limitBytes) {
    cleanup(this);
    this.resume();
    state.reject(tooLarge(state.limitBytes, state.size));
    return;
  }
  state.chunks.push(chunk);
}

function onEnd(this: Reading): void {
  const state = this[bodyState];
  if (!state) return;
  // No listener clean-up on success: the request object is done with, and removing costs CPU.
  this[bodyState] = undefined;
  const { chunks } = state;
  state.resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, state.size));
}

function onError(this: Reading, error: Error): void {
  const state = this[bodyState];
  if (!state) return;
  cleanup(this);
  state.reject(
    new GantryError('REQUEST_INVALID', `The request body could not be read: ${error.message}`, {
      cause: error,
    }),
  );
}

function cleanup(req: Reading): void {
  req[bodyState] = undefined;
  req.off('data', onData);
  req.off('end', onEnd);
  req.off('error', onError);
}

function tooLarge(limitBytes: number, size: number): GantryError {
  return new GantryError(
    'REQUEST_TOO_LARGE',
    `The request body (${size} bytes or more) exceeds the limit of ${limitBytes} bytes.`,
    {
      hint: 'Send a smaller request, or raise server.bodyLimitBytes.',
      details: { limitBytes },
    },
  );
}
