// API keys: created with a random secret shown once, stored as a SHA-256 hash, looked up by hash
// through a short-lived in-process cache (a revocation reaches other replicas within cacheTtlMs).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { GantryError } from '../../errors/index.js';
import type { GatewayKeyLimits, GatewayKeyRecord, GatewayKeyRepository } from '../../store/index.js';

export interface CreatedKey {
  /** The secret itself: shown once, never stored. */
  key: string;
  record: GatewayKeyRecord;
}

export interface KeyService {
  create(input: { name: string; limits?: GatewayKeyLimits; models?: string[] | null }): Promise<CreatedKey>;
  /** The active key for a secret, or undefined (unknown or revoked). */
  authenticate(secret: string): Promise<GatewayKeyRecord | undefined>;
  /** The cached answer for a secret, without waiting: null when the cache cannot tell. */
  cached(secret: string): GatewayKeyRecord | undefined | null;
  list(options?: { includeRevoked?: boolean }): Promise<GatewayKeyRecord[]>;
  revoke(id: string): Promise<void>;
}

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function createKeyService(repository: GatewayKeyRepository, { cacheTtlMs = 5_000 } = {}): KeyService {
  const cache = new Map<string, { record: GatewayKeyRecord | undefined; fetchedAt: number }>();
  return {
    async create({ name, limits = {}, models = null }) {
      if (!name.trim()) {
        throw new GantryError('USAGE_INVALID', 'A key needs a name.', {
          hint: 'Pass --name, e.g. --name ci-bot.',
        });
      }
      const key = `gk-${randomBytes(24).toString('base64url')}`;
      const record: GatewayKeyRecord = {
        id: `key_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
        name,
        keyHash: hashKey(key),
        keyPrefix: key.slice(0, 9),
        createdAt: Date.now(),
        revokedAt: null,
        limits,
        models,
      };
      await repository.createKey(record);
      return { key, record };
    },
    cached(secret) {
      const entry = cache.get(secret);
      return entry && Date.now() - entry.fetchedAt < cacheTtlMs ? entry.record : null;
    },
    async authenticate(secret) {
      // Cached by the presented secret (process memory only) so that a hot key costs no hashing.
      const now = Date.now();
      const cached = cache.get(secret);
      if (cached && now - cached.fetchedAt < cacheTtlMs) return cached.record;
      const found = await repository.findKeyByHash(hashKey(secret));
      const record = found && found.revokedAt === null ? found : undefined;
      if (cache.size > 100_000) cache.clear();
      cache.set(secret, { record, fetchedAt: now });
      return record;
    },
    list: (options) => repository.listKeys(options),
    async revoke(id) {
      const existed = await repository.revokeKey(id, Date.now());
      if (!existed) {
        throw new GantryError('NOT_FOUND', `No API key with id ${id}.`, {
          hint: 'List keys with gantry keys list.',
        });
      }
      for (const [secret, entry] of cache) if (entry.record?.id === id) cache.delete(secret);
    },
  };
}
