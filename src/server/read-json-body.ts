// Reads a JSON request body with a size limit; bad input becomes a 4xx GantryError, never a crash.
// The media type must be exactly application/json (a cross-site page can send text/plain or a form
// without a CORS preflight) and nesting is bounded before JSON.parse.
import type { IncomingMessage } from 'node:http';
import { GantryError } from '../errors/index.js';
import { isJsonMediaType, jsonDepthExceeds, mediaTypeError, tooDeepError } from '../gateway/index.js';

export async function readJsonBody(
  req: IncomingMessage,
  limitBytes: number,
  maximumDepth = 64,
): Promise<unknown> {
  const type = req.headers['content-type'];
  if (!isJsonMediaType(type)) {
    req.resume();
    throw mediaTypeError(type);
  }
  const declared = Number(req.headers['content-length']);
  if (declared > limitBytes) {
    req.resume();
    throw tooLarge(limitBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (jsonDepthExceeds(text, maximumDepth)) throw tooDeepError(maximumDepth);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GantryError(
      'REQUEST_INVALID',
      `The request body is not valid JSON: ${(error as Error).message.slice(0, 200)}`,
      {
        hint: 'Check the body with a JSON validator.',
      },
    );
  }
}

function tooLarge(limitBytes: number): GantryError {
  return new GantryError(
    'REQUEST_TOO_LARGE',
    `The request body is larger than the ${limitBytes}-byte limit.`,
    {
      hint: 'Send a smaller body, or raise server.bodyLimitBytes in the configuration.',
      details: { limitBytes },
    },
  );
}
