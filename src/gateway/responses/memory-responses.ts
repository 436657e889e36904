// Stored responses in process memory, for a gateway built on a store without the responses domain
// (an embedding application's narrow store): bounded, oldest dropped first.
import type { GatewayResponseRepository, StoredResponseRecord } from '../../store/index.js';

export function createMemoryResponseRepository(maximumEntries = 10_000): GatewayResponseRepository {
  const entries = new Map<string, StoredResponseRecord>();
  const keyOf = (tenant: string, id: string) => `${tenant}\u0000${id}`;
  return {
    async saveResponse(record) {
      const key = keyOf(record.tenant, record.id);
      entries.delete(key);
      entries.set(key, structuredClone(record));
      if (entries.size > maximumEntries) entries.delete(entries.keys().next().value as string);
    },
    async getResponse(tenant, id) {
      const found = entries.get(keyOf(tenant, id));
      return found ? structuredClone(found) : undefined;
    },
    async deleteResponse(tenant, id) {
      return entries.delete(keyOf(tenant, id));
    },
  };
}
