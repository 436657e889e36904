// GET and DELETE /v1/responses/{id}, GET /v1/responses/{id}/input_items: a stored response of the
// caller's tenant.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultTenant, type GatewayResponseRepository } from '../../store/index.js';
import type { ChatMessage } from '../apis/chat-types.js';
import { sendError, sendJson } from '../http/index.js';
import type { AuthenticatedKey, Scope } from '../keys/index.js';
import { inputItems } from './input-items.js';
import { publicResponse } from './native-body.js';
import { responseNotFound } from './responses-api.js';

export type Caller = (req: IncomingMessage, scope: Scope) => Promise<AuthenticatedKey | undefined>;

export function storedResponses({
  repository,
  caller,
}: {
  repository: GatewayResponseRepository;
  caller: Caller;
}): (req: IncomingMessage, res: ServerResponse, id: string, part?: string) => void {
  return (req, res, id, part) => {
    (async () => {
      const key = await caller(req, 'gateway');
      const tenant = key?.tenant ?? defaultTenant;
      if (req.method === 'DELETE') {
        if (!(await repository.deleteResponse(tenant, id))) throw responseNotFound(id);
        sendJson(res, 200, JSON.stringify({ id, object: 'response', deleted: true }));
        return;
      }
      const found = await repository.getResponse(tenant, id);
      if (!found) throw responseNotFound(id);
      if (part === 'input_items') {
        const order =
          new URL(req.url ?? '/', 'http://gateway').searchParams.get('order') === 'asc' ? 'asc' : 'desc';
        const data = inputItems(found.messages as ChatMessage[], order);
        sendJson(
          res,
          200,
          JSON.stringify({
            object: 'list',
            data,
            first_id: data[0]?.id ?? null,
            last_id: data.at(-1)?.id ?? null,
            has_more: false,
          }),
        );
        return;
      }
      sendJson(res, 200, JSON.stringify(publicResponse(found.response)));
    })().catch((error) => sendError(res, error));
  };
}
