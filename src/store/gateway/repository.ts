// The gateway domain's repositories: API keys (only the SHA-256 hash of a key is stored; lookups go by
// hash), and usage (one row per request, appended in batches, with per-key daily totals).
import type { GatewayKeyRecord, GatewayUsageRecord, GatewayUsageTotals } from './types.js';

export interface GatewayKeyRepository {
  createKey(record: GatewayKeyRecord): Promise<void>;
  findKeyByHash(keyHash: string): Promise<GatewayKeyRecord | undefined>;
  getKey(id: string): Promise<GatewayKeyRecord | undefined>;
  listKeys(options?: { includeRevoked?: boolean }): Promise<GatewayKeyRecord[]>;
  /** Marks the key revoked; false when no such key exists. */
  revokeKey(id: string, at: number): Promise<boolean>;
}

export interface GatewayUsageRepository {
  saveUsage(records: readonly GatewayUsageRecord[]): Promise<void>;
  /** Sums a key's usage from the UTC day `sinceDay` ('YYYY-MM-DD', inclusive); all time when omitted. */
  totalsForKey(keyId: string, sinceDay?: string): Promise<GatewayUsageTotals>;
  listUsage(options?: { keyId?: string; limit?: number }): Promise<GatewayUsageRecord[]>;
}

/** What the gateway domain adds to the Store. */
/** What a key may call and for whom (security): scopes and tenant. */
export interface KeyGrant {
  tenant: string;
  scopes: string[];
}

export interface GatewayKeyGrantRepository {
  setKeyGrant(keyId: string, grant: KeyGrant): Promise<void>;
  /** undefined for a key without a recorded grant (a gateway key of the default tenant). */
  keyGrant(keyId: string): Promise<KeyGrant | undefined>;
}

export interface GatewayRepositories {
  readonly gatewayKeys: GatewayKeyRepository;
  readonly gatewayUsage: GatewayUsageRepository;
  readonly gatewayKeyGrants: GatewayKeyGrantRepository;
}
