// Reads a request body up to a byte limit. A declared Content-Length over the limit is refused
// before a byte is read; a body that grows past it is cut off.
import type { IncomingMessage } from 'node:http';
import { GantryError } from '../../errors/index.js';

export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limitBytes) return Promise.reject(tooLarge(limitBytes, declared));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        req.resume();
        reject(tooLarge(limitBytes, size));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      // No listener clean-up on success: the request object is done with, and removing costs CPU.
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(
        new GantryError('REQUEST_INVALID', `The request body could not be read: ${error.message}`, {
          cause: error,
        }),
      );
    };
    function cleanup() {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    }
    req.on('data', onData);
    req.on('end', onEnd);
    // A client that goes away mid-body makes the request emit 'error' (ECONNRESET / aborted).
    req.on('error', onError);
  });
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
