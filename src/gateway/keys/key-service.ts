// API keys: created with a random secret shown once, stored as a SHA-256 hash, looked up by hash
// through a short-lived in-process cache (a revocation reaches other replicas within cacheTtlMs).
// Each key has scopes (what it may call) and a tenant (whose runs and collections it sees).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { GantryError } from '../../errors/index.js';
import {
  defaultTenant,
  type GatewayKeyGrantRepository,
  type GatewayKeyLimits,
  type GatewayKeyRecord,
  type GatewayKeyRepository,
} from '../../store/index.js';
import { checkLimits, checkScopes, checkTenant, defaultScopes, isScope, type Scope } from './key-grants.js';
import { NegativeCache } from './negative-cache.js';

export interface CreatedKey {
  /** The secret itself: shown once, never stored. */
  key: string;
  record: AuthenticatedKey;
}

/** A key record with its grant: what it may call, and the tenant it acts for. */
export type AuthenticatedKey = GatewayKeyRecord & { scopes: readonly Scope[]; tenant: string };

/** Longer than any key Gantry makes: refused without hashing or remembering it. */
export const maximumSecretLength = 256;

export interface KeyService {
  create(input: {
    name: string;
    limits?: GatewayKeyLimits;
    models?: string[] | null;
    scopes?: readonly string[];
    tenant?: string;
  }): Promise<CreatedKey>;
  /** The active key for a secret, or undefined (unknown or revoked). */
  authenticate(secret: string): Promise<AuthenticatedKey | undefined>;
  /**
   * The cached answer for a secret, without waiting: null when the cache cannot tell. `now`: the
   * caller's `performance.now()` when it has read one (the cache's clock), else read here.
   */
  cached(secret: string, now?: number): AuthenticatedKey | undefined | null;
  list(options?: { includeRevoked?: boolean }): Promise<AuthenticatedKey[]>;
  revoke(id: string): Promise<void>;
}

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface KeyServiceOptions {
  cacheTtlMs?: number;
  /** Unknown secrets remembered (as hashes); 0 turns the negative cache off. */
  unknownKeyCacheEntries?: number;
  /** Where scopes and tenants are kept; without it every key is a gateway key of 'default'. */
  grants?: GatewayKeyGrantRepository;
}

export function createKeyService(
  repository: GatewayKeyRepository,
  { cacheTtlMs = 5_000, unknownKeyCacheEntries = 10_000, grants }: KeyServiceOptions = {},
): KeyService {
  // Known keys by presented secret (as many entries as there are active keys in use, so that a hot
  // key costs no hashing); unknown secrets by hash only, bounded. Ages are kept on the monotonic clock
  // (performance.now()): the gateway passes the request's arrival time, so a cached key costs no clock
  // read of its own (~0.1 µs each on the bench machines), and a wall-clock step moves no entry's age.
  const known = new Map<string, { record: AuthenticatedKey; fetchedAt: number }>();
  const unknown = new NegativeCache(unknownKeyCacheEntries, cacheTtlMs);

  async function withGrant(record: GatewayKeyRecord): Promise<AuthenticatedKey> {
    const grant = await grants?.keyGrant(record.id);
    const scopes = (grant?.scopes ?? defaultScopes).filter(isScope);
    return { ...record, scopes, tenant: grant?.tenant ?? defaultTenant };
  }

  return {
    async create({ name, limits = {}, models = null, scopes, tenant }) {
      if (typeof name !== 'string' || !name.trim()) {
        throw new GantryError('USAGE_INVALID', 'A key needs a name.', {
          hint: 'Pass --name, e.g. --name ci-bot.',
        });
      }
      const checkedLimits = checkLimits(limits);
      const checkedScopes = scopes === undefined ? [...defaultScopes] : checkScopes(scopes);
      const checkedTenant = tenant === undefined ? defaultTenant : checkTenant(tenant);
      if (models !== null && (!Array.isArray(models) || !models.every((m) => typeof m === 'string'))) {
        throw new GantryError('USAGE_INVALID', 'A key’s models must be a list of model names.');
      }
      const granted = checkedTenant !== defaultTenant || checkedScopes.join() !== defaultScopes.join();
      if (granted && !grants) {
        throw new GantryError('USAGE_INVALID', 'This key service cannot store scopes or tenants.', {
          hint: 'Create the key through the store-backed service (gantry keys create).',
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
        limits: checkedLimits,
        models,
      };
      // The grant first: a key never exists, even for a moment, with the default grant by mistake.
      await grants?.setKeyGrant(record.id, { tenant: checkedTenant, scopes: checkedScopes });
      await repository.createKey(record);
      unknown.delete(record.keyHash);
      return { key, record: { ...record, scopes: checkedScopes, tenant: checkedTenant } };
    },
    cached(secret, now = performance.now()) {
      if (secret.length > maximumSecretLength) return undefined;
      const entry = known.get(secret);
      if (entry && now - entry.fetchedAt < cacheTtlMs) return entry.record;
      return null;
    },
    async authenticate(secret) {
      if (secret.length > maximumSecretLength) return undefined;
      const now = performance.now();
      const entry = known.get(secret);
      if (entry && now - entry.fetchedAt < cacheTtlMs) return entry.record;
      const hash = hashKey(secret);
      if (unknown.has(hash, now)) return undefined;
      const found = await repository.findKeyByHash(hash);
      if (!found || found.revokedAt !== null) {
        known.delete(secret);
        unknown.add(hash, now);
        return undefined;
      }
      const record = await withGrant(found);
      known.set(secret, { record, fetchedAt: now });
      return record;
    },
    async list(options) {
      return Promise.all((await repository.listKeys(options)).map(withGrant));
    },
    async revoke(id) {
      const existed = await repository.revokeKey(id, Date.now());
      if (!existed) {
        throw new GantryError('NOT_FOUND', `No API key with id ${id}.`, {
          hint: 'List keys with gantry keys list.',
        });
      }
      for (const [secret, entry] of known) if (entry.record.id === id) known.delete(secret);
    },
  };
}
