// Stage: reads the body of an image or audio request (JSON, or multipart/form-data with the file),
// within the endpoint's size limit, and keeps it to be re-sent with the target's model. The model
// and the text fields become the context's body, for routing, limits and usage counts.
import { isUtf8 } from 'node:buffer';
import { GantryError } from '../../errors/index.js';
import { invalidBody } from '../apis/read-api-body.js';
import { isJsonMediaType, jsonDepthExceeds, mediaTypeError, readBody, tooDeepError } from '../http/index.js';
import type { GatewayContext, Stage } from '../pipeline/gateway-context.js';
import type { MediaEndpoint } from './media-endpoints.js';

/** The client's request, to be sent again with another model name. */
export interface MediaPayload {
  endpoint: MediaEndpoint;
  /** The body for one target model, and its content type (a new boundary for multipart). */
  bodyFor(model: string): Promise<{ body: Buffer; contentType: string }>;
}

const payloads = new WeakMap<GatewayContext, MediaPayload>();

export function payloadOf(context: GatewayContext): MediaPayload {
  const payload = payloads.get(context);
  if (!payload) throw new GantryError('INTERNAL', 'A media route ran without its body.');
  return payload;
}

export function readMediaBody({
  endpoint,
  jsonLimitBytes,
  uploadLimitBytes,
  maximumDepth,
}: {
  endpoint: MediaEndpoint;
  jsonLimitBytes: number;
  uploadLimitBytes: number;
  maximumDepth: number;
}): Stage {
  return async (context, next) => {
    const contentType = context.req.headers['content-type'] ?? '';
    if (endpoint.body === 'json') {
      if (!isJsonMediaType(contentType)) {
        context.req.resume();
        throw mediaTypeError(contentType);
      }
      const raw = await readBody(context.req, jsonLimitBytes);
      const body = parseJsonBody(raw, maximumDepth);
      context.body = body;
      payloads.set(context, {
        endpoint,
        bodyFor: async (model) => ({
          body: Buffer.from(JSON.stringify({ ...body, model })),
          contentType: 'application/json',
        }),
      });
    } else {
      if (!/^multipart\/form-data;\s*boundary=/i.test(contentType)) {
        context.req.resume();
        throw invalidBody(
          `${endpoint.path} takes multipart/form-data (the file and the fields), not '${contentType.slice(0, 100) || 'none'}'.`,
          'file',
        );
      }
      const raw = await readBody(context.req, uploadLimitBytes);
      let form: FormData;
      try {
        form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      } catch (error) {
        throw invalidBody(`The multipart body could not be read: ${(error as Error).message}`, 'file');
      }
      const fields: Record<string, unknown> = {};
      for (const [name, value] of form) if (typeof value === 'string') fields[name] = value;
      context.body = fields;
      payloads.set(context, {
        endpoint,
        async bodyFor(model) {
          const copy = new FormData();
          for (const [name, value] of form) copy.append(name, name === 'model' ? model : value);
          const encoded = new Response(copy);
          return {
            body: Buffer.from(await encoded.arrayBuffer()),
            contentType: encoded.headers.get('content-type') ?? 'multipart/form-data',
          };
        },
      });
    }
    const model = context.body.model;
    if (typeof model !== 'string' || model.length === 0)
      throw invalidBody("The request has no 'model'.", 'model');
    context.model = model;
    context.stream = context.body.stream === true || context.body.stream === 'true';
    context.bodyText = undefined;
    await next(context);
  };
}

function parseJsonBody(raw: Buffer, maximumDepth: number): Record<string, unknown> {
  if (!isUtf8(raw)) throw invalidBody('The request body is not valid UTF-8.');
  const text = raw.toString('utf8');
  if (jsonDepthExceeds(text, maximumDepth)) throw tooDeepError(maximumDepth);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw invalidBody(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidBody('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}
