// The semantic cache from configuration; undefined when neither the gateway nor a route enables it.
import type { CachingConfig } from '../../../config/index.js';
import { SemanticCache } from './semantic-cache.js';

export function createSemanticCache(settings: CachingConfig['semantic']): SemanticCache | undefined {
  const wanted = settings.enabled || Object.values(settings.routes).some((route) => route.enabled);
  if (!wanted) return undefined;
  return new SemanticCache({
    dimension: settings.dimension,
    threshold: settings.threshold,
    guards: settings.guards,
    ttlMs: settings.ttlMs,
    maxEntries: settings.maxEntries,
    tables: settings.lsh.tables,
    bits: settings.lsh.bits,
    multiProbe: settings.lsh.multiProbe,
    pairedTables: settings.lsh.pairedTables,
  });
}
