// The memory API (`memory` scope): ingest a conversation into a user's memory, recall, forget items,
// erase a user, read and update the profile. Every call is scoped to the caller's tenant, which
// comes from its key, never from the request: a tenant cannot name another tenant's users.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { GantryConfig } from '../../config/index.js';
import { conversationTurns, createMemory, type MemoryScope } from '../../memory/index.js';
import type { Store } from '../../store/index.js';
import { requireScope } from '../auth/index.js';
import { sendJson } from '../http-response.js';
import { parseRequestBody } from '../parse-request-body.js';
import { readJsonBody } from '../read-json-body.js';
import type { Route } from '../router.js';
import { freshRecall } from './fresh-recall.js';

const time = z.union([z.number(), z.string().max(100)]);
const id = z.string().min(1).max(200);

const ingestBody = z
  .object({
    sessions: z.array(z.unknown()).max(10_000),
    /** Summarise each session after storing it (default true). */
    summaries: z.boolean().default(true),
  })
  .strict();
const recallBody = z
  .object({
    query: z.string().min(1).max(2_000),
    k: z.number().int().min(1).max(100).default(10),
    kinds: z.array(z.enum(['episode', 'fact', 'summary'])).optional(),
    from: time.optional(),
    to: time.optional(),
    session: id.optional(),
  })
  .strict();
const forgetBody = z.object({ ids: z.array(id).min(1).max(1_000) }).strict();
const profileBody = z
  .object({ changes: z.record(z.string().max(200), z.unknown()), thread: id.optional() })
  .strict();

const hint = 'See "Over HTTP" in docs/memory.md for the request fields.';

export interface MemoryRouteOptions {
  config: GantryConfig;
  store: Pick<Store, 'memory'>;
}

export function memoryRoutes({ config, store }: MemoryRouteOptions): Route[] {
  // One memory per server, so that each user's recall index stays warm between requests.
  const memory = createMemory({ store });
  const limit = config.server.bodyLimitBytes;
  const depth = config.security.maximumJsonDepth;

  /** The caller's tenant (from its key) and the user named in the path. */
  const scopeOf = (
    req: IncomingMessage,
    user: string,
    thread?: string,
  ): MemoryScope & { tenant: string } => ({
    tenant: requireScope(req, 'memory').tenant,
    user,
    ...(thread ? { thread } : {}),
  });
  const body = async <T>(req: IncomingMessage, schema: z.ZodType<T>) =>
    parseRequestBody(schema, await readJsonBody(req, limit, depth), hint);

  return [
    {
      method: 'POST',
      path: '/api/memory/users/:user/ingest',
      handler: async (req, res, { user }) => {
        const scope = scopeOf(req, user);
        const input = await body(req, ingestBody);
        const turns = conversationTurns({ sessions: input.sessions }, 'The request body');
        const { episodes, facts } = await memory.addTurns(scope, turns);
        const sessions = [...new Set(episodes.map((episode) => episode.session))];
        if (input.summaries) for (const session of sessions) await memory.endSession(scope, session);
        sendJson(res, 200, {
          user,
          turns: episodes.length,
          sessions: sessions.length,
          facts: facts.filter((change) => change.action !== 'duplicate').length,
        });
      },
    },
    {
      method: 'POST',
      path: '/api/memory/users/:user/recall',
      handler: async (req, res, { user }) => {
        const scope = scopeOf(req, user);
        const { query, ...options } = await body(req, recallBody);
        sendJson(res, 200, { data: await freshRecall(memory, store, scope, query, options) });
      },
    },
    {
      method: 'POST',
      path: '/api/memory/users/:user/forget',
      handler: async (req, res, { user }) => {
        const scope = scopeOf(req, user);
        const { ids } = await body(req, forgetBody);
        sendJson(res, 200, { forgotten: await memory.forget(scope, ids) });
      },
    },
    {
      method: 'DELETE',
      path: '/api/memory/users/:user',
      handler: async (req, res, { user }) => {
        req.resume();
        sendJson(res, 200, { erased: await memory.eraseUser(scopeOf(req, user)) });
      },
    },
    {
      method: 'GET',
      path: '/api/memory/users/:user/profile',
      handler: async (req, res, { user }) => {
        const thread = new URL(req.url ?? '/', 'http://localhost').searchParams.get('thread') ?? undefined;
        sendJson(res, 200, await memory.getProfile(scopeOf(req, user, thread)));
      },
    },
    {
      method: 'PATCH',
      path: '/api/memory/users/:user/profile',
      handler: async (req, res, { user }) => {
        const scope = scopeOf(req, user);
        const { changes, thread } = await body(req, profileBody);
        sendJson(res, 200, await memory.updateProfile({ ...scope, ...(thread ? { thread } : {}) }, changes));
      },
    },
  ];
}
