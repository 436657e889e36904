// Stage: reads the body of an image or audio request (JSON, or multipart/form-data with the file),
// within the endpoint's size limit, and keeps it to be re-sent with the target's model. The model
// and the text fields become the context's body, for routing, limits and usage counts.
import { GantryError } from '../../errors/index.js';
import { invalidBody } from '../apis/read-api-body.js';
import { readBody, readJsonObject } from '../http/index.js';
import type { GatewayContext, Stage } from '../pipeline/gateway-context.js';
import type { MediaEndpoint } from './media-endpoints.js';

/** The client's request, to be sent again with another model name. */
export interface MediaPayload {
  endpoint: MediaEndpoint;
  /**
   * The body for one target model, and its content type (a new boundary for multipart). `fields` is
   * the context's body (a request hook may have rewritten it): the JSON body, or the form's text
   * fields, sent with the uploaded files.
   */
  bodyFor(model: string, fields: Record<string, unknown>): Promise<{ body: Buffer; contentType: string }>;
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
      const { fields: body } = await readJsonObject(context.req, {
        bodyLimitBytes: jsonLimitBytes,
        maximumDepth,
        invalid: invalidBody,
      });
      context.body = body;
      payloads.set(context, {
        endpoint,
        bodyFor: async (model, fields) => ({
          body: Buffer.from(JSON.stringify({ ...fields, model })),
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
      // Text fields by name (a repeated one, like timestamp_granularities[], as a list).
      const fields: Record<string, unknown> = {};
      for (const [name, value] of form) {
        if (typeof value !== 'string') continue;
        const seen = fields[name];
        fields[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
      }
      context.body = fields;
      payloads.set(context, {
        endpoint,
        async bodyFor(model, current) {
          const copy = new FormData();
          copy.append('model', model);
          for (const [name, value] of Object.entries(current)) {
            if (name === 'model') continue;
            for (const one of Array.isArray(value) ? value : [value])
              if (one !== undefined && one !== null)
                copy.append(name, typeof one === 'string' ? one : JSON.stringify(one));
          }
          for (const [name, value] of form) if (typeof value !== 'string') copy.append(name, value);
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
