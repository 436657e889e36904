// The admin API: create, list and revoke API keys, read a key's usage. Off unless an admin key is
// configured; every call must carry it as a bearer token.

import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GantryError } from '../../errors/index.js';
import type { GatewayKeyRecord, GatewayUsageRepository } from '../../store/index.js';
import { readBody, sendJson } from '../http/index.js';
import { type KeyService, readCredential } from '../keys/index.js';
import type { GatewayState } from '../state/index.js';

export interface AdminApiOptions {
  adminKey: string | undefined;
  keys: KeyService;
  usage: GatewayUsageRepository;
  state: GatewayState;
}

export function createAdminApi({ adminKey, keys, usage, state }: AdminApiOptions) {
  return async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    await authorise(req, adminKey, keys);
    if (path === '/admin/keys' && req.method === 'GET') {
      const list = await keys.list({
        includeRevoked: new URL(req.url ?? '/', 'http://x').searchParams.get('all') === '1',
      });
      return sendJson(res, 200, JSON.stringify({ object: 'list', data: list.map(publicKey) }));
    }
    if (path === '/admin/keys' && req.method === 'POST') {
      const body = parse(await readBody(req, 64 * 1024));
      if (typeof body.name !== 'string')
        throw new GantryError('REQUEST_INVALID', "A key needs a 'name'.", { details: { param: 'name' } });
      // Limits, scopes and tenant are checked by the key service (USAGE_INVALID, 400).
      const created = await keys.create({
        name: body.name,
        limits: (body.limits as GatewayKeyRecord['limits']) ?? {},
        models: body.models === undefined || body.models === null ? null : (body.models as string[]),
        scopes: body.scopes as string[] | undefined,
        tenant: body.tenant as string | undefined,
      });
      return sendJson(res, 201, JSON.stringify({ ...publicKey(created.record), key: created.key }));
    }
    const match = /^\/admin\/keys\/([\w-]+)(\/usage)?$/.exec(path);
    if (match && req.method === 'DELETE' && !match[2]) {
      await keys.revoke(match[1]);
      return sendJson(res, 200, JSON.stringify({ id: match[1], revoked: true }));
    }
    if (match && req.method === 'GET' && match[2]) {
      const totals = await usage.totalsForKey(match[1]);
      const spend = await state.spend(match[1], Date.now());
      return sendJson(res, 200, JSON.stringify({ id: match[1], ...totals, spend }));
    }
    throw new GantryError('ROUTE_NOT_FOUND', `No admin route ${req.method} ${path}.`, {
      hint: 'Admin routes: GET/POST /admin/keys, DELETE /admin/keys/<id>, GET /admin/keys/<id>/usage.',
    });
  };
}

/** The admin key (constant-time compare), or an API key with the 'admin' scope. */
async function authorise(
  req: IncomingMessage,
  adminKey: string | undefined,
  keys: KeyService,
): Promise<void> {
  const given = readCredential(req.headers) ?? '';
  // Compared as bytes: a non-ASCII secret of the same length in characters must not throw.
  const givenBytes = Buffer.from(given);
  const adminBytes = adminKey === undefined ? undefined : Buffer.from(adminKey);
  if (adminBytes && givenBytes.length === adminBytes.length && timingSafeEqual(givenBytes, adminBytes))
    return;
  if (given && (await keys.authenticate(given))?.scopes.includes('admin')) return;
  throw new GantryError(
    'GATEWAY_ADMIN_FORBIDDEN',
    adminKey
      ? 'The admin key is missing or wrong.'
      : 'The admin API needs the admin key or a key with the admin scope.',
    {
      hint: adminKey
        ? "Send 'Authorization: Bearer <admin key>' (or a key with the 'admin' scope)."
        : 'Set GANTRY_ADMIN_KEY (or gateway.auth.adminKey), or create a key with --scopes admin.',
    },
  );
}

function parse(raw: Buffer): Record<string, unknown> {
  try {
    const value = JSON.parse(raw.toString('utf8')) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new GantryError('REQUEST_INVALID', 'The admin request body must be a JSON object.');
}

function publicKey(record: GatewayKeyRecord) {
  const { keyHash: _hash, ...rest } = record;
  return rest;
}
