// Request bodies of the batch routes: a multipart/form-data upload (`file`, `purpose`) for /v1/files,
// parsed by the platform's own FormData reader, and a JSON object for /v1/batches.
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { GantryError } from '../../errors/index.js';
import { isJsonMediaType, mediaTypeError, readBody } from '../http/index.js';

export interface Upload {
  filename: string;
  purpose: string;
  content: Buffer;
}

export async function readUpload(req: IncomingMessage, maximumBytes: number): Promise<Upload> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data;\s*boundary=/i.test(contentType)) {
    req.resume();
    throw invalid("Upload the file as multipart/form-data with the fields 'file' and 'purpose'.", 'file');
  }
  // The body limit of an upload is the file limit plus room for the multipart framing.
  const raw = await readBody(req, maximumBytes + 64 * 1024);
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    throw invalid(`The multipart body could not be read: ${(error as Error).message}`, 'file');
  }
  const file = form.get('file');
  const purpose = form.get('purpose');
  if (typeof purpose !== 'string' || purpose.length === 0 || purpose.length > 64) {
    throw invalid("'purpose' is required (for batch input: 'batch').", 'purpose');
  }
  if (file === null || typeof file === 'string') throw invalid("'file' must be a file part.", 'file');
  const content = Buffer.from(await file.arrayBuffer());
  if (content.length > maximumBytes) {
    throw new GantryError(
      'REQUEST_TOO_LARGE',
      `The file has ${content.length} bytes, over the limit of ${maximumBytes}.`,
      {
        hint: 'Split the input into several files, or raise gateway.batches.maximumFileBytes.',
      },
    );
  }
  const name = (file as File).name || 'upload';
  return { filename: name.slice(0, 255), purpose, content };
}

export async function readJsonObject(
  req: IncomingMessage,
  limitBytes: number,
): Promise<Record<string, unknown>> {
  const contentType = req.headers['content-type'];
  if (!isJsonMediaType(contentType)) {
    req.resume();
    throw mediaTypeError(contentType);
  }
  const raw = await readBody(req, limitBytes);
  if (!isUtf8(raw)) throw invalid('The request body is not valid UTF-8.', 'body');
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw invalid(`The request body is not valid JSON: ${(error as Error).message}`, 'body');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('The request body must be a JSON object.', 'body');
  return body as Record<string, unknown>;
}

function invalid(message: string, param: string): GantryError {
  return new GantryError('REQUEST_INVALID', message, { details: { param } });
}
