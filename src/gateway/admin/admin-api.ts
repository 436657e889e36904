// The admin API: create, list and revoke API keys, read a key's usage. Off unless an admin key is
// configured; every call must carry it as a bearer token.

import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GantryError } from '../../errors/index.js';
import type { GatewayKeyRecord, GatewayUsageRepository } from '../../store/index.js';
import { readBody, sendJson } from '../http/index.js';
import type { KeyService } from '../keys/index.js';
import type { GatewayState } from '../state/index.js';

export interface AdminApiOptions {
  adminKey: string | undefined;
  keys: KeyService;
  usage: GatewayUsageRepository;
  state: GatewayState;
}

export function createAdminApi({ adminKey, keys, usage, state }: AdminApiOptions) {
  return async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    authorise(req, adminKey);
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
      const created = await keys.create({
        name: body.name,
        limits: (body.limits as GatewayKeyRecord['limits']) ?? {},
        models: Array.isArray(body.models) ? (body.models as string[]) : null,
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

function authorise(req: IncomingMessage, adminKey: string | undefined): void {
  const given = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : '';
  const ok =
    adminKey !== undefined &&
    given.length === adminKey.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(adminKey));
  if (!ok) {
    throw new GantryError(
      'GATEWAY_ADMIN_FORBIDDEN',
      adminKey ? 'The admin key is missing or wrong.' : 'The admin API is off.',
      {
        hint: adminKey
          ? "Send 'Authorization: Bearer <admin key>'."
          : 'Set GANTRY_ADMIN_KEY (or gateway.auth.adminKey) to turn it on.',
      },
    );
  }
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
