import { z } from 'zod';
import { gatewayBatchesSection } from './gateway-batches.js';
import { gatewayImagesSection } from './gateway-images.js';
import { gatewayMediaSection } from './gateway-media.js';
import { llamaOptions } from './models.js';

const probability = z.number().min(0).max(1);

/** The backend simulator's knobs (SimulatorOptions), checked so a misspelt one is an error, not ignored. */
const simulatorOptions = z
  .object({
    timeToFirstTokenMs: z.number().min(0).optional(),
    interTokenLatencyMs: z.number().min(0).optional(),
    jitter: probability.optional(),
    outputTokens: z
      .union([
        z.number().int().positive(),
        z.object({ min: z.number().int().positive(), max: z.number().int().positive() }).strict(),
      ])
      .optional(),
    faults: z
      .object({
        '400': probability,
        '429': probability,
        '500': probability,
        '503': probability,
        timeout: probability,
        reset: probability,
        cut: probability,
      })
      .partial()
      .strict()
      .optional(),
    retryAfterSeconds: z.number().min(0).optional(),
    model: z.string().min(1).optional(),
    embeddingDimensions: z.number().int().positive().optional(),
    reply: z.enum(['words', 'demo']).optional(),
  })
  .strict()
  .default({});

/** An upstream backend the gateway forwards to. */
const upstreamEntry = z
  .object({
    /** 'simulator' starts the built-in backend simulator in process (tests, demos, benchmarks). */
    type: z.enum(['openai-compatible', 'anthropic', 'simulator', 'llama']).default('openai-compatible'),
    /** Base URL up to and including the version segment, for example http://127.0.0.1:8000/v1. */
    baseURL: z.url().optional(),
    apiKey: z.string().optional(),
    apiKeyEnv: z.string().optional(),
    headers: z.record(z.string(), z.string()).default({}),
    /** Keep-alive connections in this upstream's pool. */
    connections: z.number().int().positive().default(128),
    /** Time allowed for the answer's headers (non-streaming: the whole answer; streaming: each chunk). */
    timeoutMs: z.number().int().positive().default(60_000),
    /** Options of the in-process simulator (type 'simulator'); the same knobs as `gantry simulate`. */
    simulator: simulatorOptions,
    /** A local GGUF served in process (type 'llama'): its path or hf: URI, and loading options. */
    llama: llamaOptions
      .extend({ model: z.string().min(1) })
      .strict()
      .optional(),
    /** Native APIs an OpenAI-compatible upstream speaks besides chat: responses, images, audio. */
    apis: z.array(z.enum(['responses', 'images', 'audio'])).optional(),
    /** Active health check: GET this path every intervalMs; failures count toward the breaker. */
    healthCheck: z
      .object({
        path: z.string().default('/models'),
        intervalMs: z.number().int().positive().default(10_000),
      })
      .strict()
      .optional(),
  })
  .strict();

const target = z
  .object({
    upstream: z.string().min(1),
    /** Model name sent upstream; defaults to the alias. */
    model: z.string().min(1).optional(),
    weight: z.number().positive().default(1),
    /** Overrides the upstream's timeout for this target. */
    timeoutMs: z.number().int().positive().optional(),
  })
  .strict();

const failureKind = z.union([z.number().int().min(400).max(599), z.enum(['timeout', 'connection'])]);

/** A model alias clients name in `model`: a group of targets and how to choose among them. */
const routeEntry = z
  .object({
    strategy: z
      .enum(['fallback', 'weighted', 'round-robin', 'least-outstanding', 'lowest-latency', 'prefix-affinity'])
      .default('fallback'),
    targets: z.array(target).min(1),
    /** Failures that move on to the next target (or retry). */
    fallbackOn: z.array(failureKind).default([429, 500, 502, 503, 504, 'timeout', 'connection']),
    /** Attempts in all, across targets, before the client gets an error. */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** Exponential backoff with full jitter between attempts on the same target. */
    backoffBaseMs: z.number().int().min(0).default(100),
    backoffMaxMs: z.number().int().min(0).default(2_000),
    /** A Retry-After longer than this skips the target instead of waiting. */
    maxRetryAfterMs: z.number().int().min(0).default(5_000),
  })
  .strict();

const limits = z
  .object({
    requestsPerMinute: z.number().positive().optional(),
    tokensPerMinute: z.number().positive().optional(),
    concurrentRequests: z.number().int().positive().optional(),
    dailyBudgetUsd: z.number().nonnegative().optional(),
    totalBudgetUsd: z.number().nonnegative().optional(),
  })
  .strict();

export const gatewaySection = z
  .object({
    upstreams: z.record(z.string(), upstreamEntry).default({}),
    routes: z.record(z.string(), routeEntry).default({}),
    auth: z
      .object({
        /** When false, requests without a key are served (with the default limits). */
        required: z.boolean().default(false),
        /** Key for /admin/*; prefer adminKeyEnv. Without either, the admin API is off. */
        adminKey: z.string().optional(),
        adminKeyEnv: z.string().default('GANTRY_ADMIN_KEY'),
      })
      .strict()
      .prefault({}),
    /** Limits for keys that set none (and for anonymous traffic when auth is off). */
    defaultLimits: limits.prefault({}),
    breaker: z
      .object({
        /** Consecutive failures that open a target's breaker. */
        failureThreshold: z.number().int().positive().default(5),
        /** Failure ratio over the last windowSize requests that opens it (after minimumRequests). */
        failureRateThreshold: z.number().min(0).max(1).default(0.5),
        windowSize: z.number().int().positive().default(20),
        minimumRequests: z.number().int().positive().default(10),
        /** Successful probes in a row that close a half-open breaker. */
        closeAfterSuccesses: z.number().int().positive().default(3),
        /** How long an open breaker rejects before letting probes through. */
        openMs: z.number().int().positive().default(10_000),
        /** Probes allowed at once while half-open. */
        halfOpenProbes: z.number().int().positive().default(1),
      })
      .strict()
      .prefault({}),
    cache: z
      .object({
        enabled: z.boolean().default(false),
        /** 'deterministic': temperature 0 (or explicit opt-in); 'opt-in': only with the x-gantry-cache: on header. */
        mode: z.enum(['deterministic', 'opt-in']).default('deterministic'),
        ttlMs: z.number().int().positive().default(300_000),
        maxEntries: z.number().int().positive().default(10_000),
        /** Largest response body cached, in bytes. */
        maxEntryBytes: z
          .number()
          .int()
          .positive()
          .default(256 * 1024),
      })
      .strict()
      .prefault({}),
    state: z
      .object({
        /** 'redis' shares limits, concurrency, budgets and the cache across replicas and workers. */
        kind: z.enum(['memory', 'redis']).default('memory'),
        url: z.string().default('redis://127.0.0.1:6379'),
        prefix: z.string().default('gantry:gw:'),
        /** Redis limits leased a few units at a time per replica (docs/gateway.md); false: a call per request. */
        lease: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    usage: z
      .object({
        /** Usage rows are written in one transaction every flushIntervalMs, or sooner at batchSize. */
        flushIntervalMs: z.number().int().positive().default(1_000),
        batchSize: z.number().int().positive().default(500),
      })
      .strict()
      .prefault({}),
    metrics: z
      .object({ enabled: z.boolean().default(true) })
      .strict()
      .prefault({}),
    /** Adds x-gantry-overhead-ms (time spent in the gateway, excluding the upstream) to answers. */
    overheadHeader: z.boolean().default(true),
    /** Image inputs: size and count limits, media types, URL policy. */
    images: gatewayImagesSection,
    /** /v1/files and /v1/batches: concurrency per batch, file and line limits. */
    batches: gatewayBatchesSection,
    /** /v1/images/* and /v1/audio/* passed through: upload and answer size limits. */
    media: gatewayMediaSection,
  })
  .strict()
  .prefault({});

export type GatewayConfig = z.infer<typeof gatewaySection>;
export type GatewayUpstreamConfig = z.infer<typeof upstreamEntry>;
export type GatewayRouteConfig = z.infer<typeof routeEntry>;
export type GatewayTargetConfig = z.infer<typeof target>;
export type GatewayLimits = z.infer<typeof limits>;
