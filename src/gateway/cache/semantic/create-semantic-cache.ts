// The semantic cache from configuration; undefined when neither the gateway nor a route enables it.
import { readFileSync } from 'node:fs';
import type { CachingConfig } from '../../../config/index.js';
import { GantryError } from '../../../errors/index.js';
import { SemanticCache } from './semantic-cache.js';
import { HitVerifier, type HitVerifierModel } from './verifier/index.js';

export function createSemanticCache(settings: CachingConfig['semantic']): SemanticCache | undefined {
  const wanted = settings.enabled || Object.values(settings.routes).some((route) => route.enabled);
  if (!wanted) return undefined;
  const externalVectors = settings.embedder !== 'hashed';
  const { verifier } = settings;
  return new SemanticCache({
    dimension: settings.dimension,
    externalVectors,
    threshold: settings.threshold,
    guards: settings.guards,
    ttlMs: settings.ttlMs,
    maxEntries: settings.maxEntries,
    tables: settings.lsh.tables,
    bits: settings.lsh.bits,
    multiProbe: settings.lsh.multiProbe,
    verifier: verifier.enabled
      ? new HitVerifier({
          model: verifier.model ? readVerifierModel(verifier.model) : undefined,
          threshold: verifier.threshold,
          ownEmbedding: externalVectors || settings.dimension !== 256,
        })
      : false,
    pairedTables: settings.lsh.pairedTables,
  });
}

function readVerifierModel(path: string): HitVerifierModel {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as HitVerifierModel;
  } catch (error) {
    throw new GantryError(
      'CONFIG_INVALID',
      `caching.semantic.verifier.model: ${path} could not be read as JSON (${(error as Error).message}).`,
      {
        hint: 'Point it at a file written by scripts/train-cache-verifier.ts, or remove it to use the shipped model.',
      },
    );
  }
}
