import { z } from 'zod';

const guardName = z.enum(['negation', 'numbers', 'dates', 'entities', 'output-form', 'content-words']);

/** Semantic-cache knobs that a route may override. */
const semanticOverrides = z
  .object({
    enabled: z.boolean().optional(),
    /** Cosine similarity at or above which a cached answer is a candidate hit. */
    threshold: z.number().min(0).max(1).optional(),
    /** False-hit guards a candidate must pass before it is served. */
    guards: z.array(guardName).optional(),
    /** false: serve without the hit verifier on this route. */
    verifier: z.boolean().optional(),
    /** The hit verifier's score a candidate needs on this route. */
    verifierThreshold: z.number().min(0).max(1).optional(),
  })
  .strict();

/** Cost levers around the upstream call: semantic cache, provider prompt caching, embedding batching. */
export const cachingSection = z
  .object({
    semantic: z
      .object({
        /** Off by default: a semantic hit answers a *different* text than the one cached. */
        enabled: z.boolean().default(false),
        /**
         * 'hashed' is the offline embedder (word and character n-grams, no weights, no network); or an
         * embedding model 'provider:model' / alias (any OpenAI-compatible /v1/embeddings endpoint), in
         * which case `dimension` must be the model's.
         */
        embedder: z
          .string()
          .min(1, { error: "the embedder is 'hashed' or an embedding model 'provider:model'" })
          .default('hashed'),
        dimension: z.number().int().min(32).max(4096).default(256),
        /**
         * Cosine similarity a cached prompt needs to be a candidate. Default 0.7 with the hit verifier
         * (which then decides), 0.9 without it (docs/cost.md).
         */
        threshold: z.number().min(0).max(1).optional(),
        /**
         * The hit verifier: a small logistic model over pair features that scores each candidate before
         * it is served (trained by scripts/train-cache-verifier.ts; threshold chosen on a validation split).
         */
        verifier: z
          .object({
            enabled: z.boolean().default(true),
            /** Score a candidate needs; default the one shipped with the model. */
            threshold: z.number().min(0).max(1).optional(),
            /** A model file written by scripts/train-cache-verifier.ts; default the shipped one. */
            model: z.string().min(1).optional(),
          })
          .strict()
          .prefault({}),
        guards: z.array(guardName).default(['negation', 'numbers', 'dates', 'entities', 'output-form']),
        /** 'key': each API key has its own cache; 'global': one cache for all keys (single tenant). */
        scope: z.enum(['key', 'global']).default('key'),
        /** Same rule as the exact cache: 'deterministic' caches temperature-0 requests (or with the header). */
        mode: z.enum(['deterministic', 'opt-in']).default('deterministic'),
        ttlMs: z.number().int().positive().default(3_600_000),
        maxEntries: z.number().int().positive().default(100_000),
        maxEntryBytes: z
          .number()
          .int()
          .positive()
          .default(256 * 1024),
        /**
         * Locality-sensitive hashing: tables and bits per table (recall against speed). multiProbe also
         * reads the buckets one sign away from the query's: 8 probed tables find what 32 plain ones do,
         * but were slower than 32 plain tables at 100k entries here (docs/cost-caching.md), so it is off.
         */
        lsh: z
          .object({
            tables: z.number().int().min(1).max(64).default(32),
            bits: z.number().int().min(4).max(24).default(18),
            multiProbe: z.boolean().default(false),
            /** Tables from pairs of half-length codes: ~7x fewer projections, lower recall (docs/cost-caching.md). */
            pairedTables: z.boolean().default(false),
          })
          .strict()
          .prefault({}),
        /** Per-route overrides, by model alias. */
        routes: z.record(z.string(), semanticOverrides).default({}),
      })
      .strict()
      .prefault({}),
    promptCaching: z
      .object({
        /** Adds cache_control breakpoints for Anthropic upstreams on long stable prefixes. */
        anthropicAutomaticBreakpoints: z.boolean().default(true),
        /** Estimated tokens a prefix needs before it gets a breakpoint (Anthropic's minimum is 1,024). */
        minimumPrefixTokens: z.number().int().positive().default(1_024),
      })
      .strict()
      .prefault({}),
    /** Prefix-affinity routing (strategy 'prefix-affinity'): characters of the prompt hashed. */
    affinity: z
      .object({ prefixCharacters: z.number().int().positive().default(2_048) })
      .strict()
      .prefault({}),
    embeddingBatching: z
      .object({
        enabled: z.boolean().default(false),
        /** Longest a request waits for others to join its batch. */
        windowMs: z.number().min(0).max(1_000).default(2),
        /** Inputs per upstream call, at most. */
        maxInputs: z.number().int().positive().default(256),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

export type CachingConfig = z.infer<typeof cachingSection>;
export type SemanticCacheGuardName = z.infer<typeof guardName>;
