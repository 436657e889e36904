import type { PrefixCacheOptions } from './prefix-cache-model.js';
// Knobs of the backend simulator: latency shape, output length and injected faults.

export type SimulatorFault = '400' | '429' | '500' | '503' | 'timeout' | 'reset' | 'cut';

export interface SimulatorOptions {
  /** Delay before the first token (or before a non-streaming answer), in ms. */
  timeToFirstTokenMs?: number;
  /** Delay between streamed tokens, in ms. */
  interTokenLatencyMs?: number;
  /** Relative random spread (0–1) applied to both delays. */
  jitter?: number;
  /** Output tokens per answer: a fixed count or a uniform range. */
  outputTokens?: number | { min: number; max: number };
  /** Probability (0–1) of each fault per request. */
  faults?: Partial<Record<SimulatorFault, number>>;
  /** Retry-After, in seconds, sent with injected 429s. */
  retryAfterSeconds?: number;
  /** Model id reported in answers when the request names none. */
  model?: string;
  /** Embedding vector length. */
  embeddingDimensions?: number;
  /**
   * 'words' (default): outputTokens tokens ' w0 w1 …', so that a test can tell which arrived;
   * 'demo': a readable text saying it is a simulator (the `demo` model of `npm start`).
   */
  reply?: 'words' | 'demo';
  /** Random source (tests pass a seeded one). */
  random?: () => number;
  /** Adds `sent_at_ms` (performance.timeOrigin + now) to each streamed chunk, so a load generator can
   * measure its own delay per chunk against the moment the simulator wrote it. */
  stampChunks?: boolean;
  /** An engine prefix cache: time to first token falls when the prompt's start is cached. */
  prefixCache?: PrefixCacheOptions;
}

export interface ResolvedSimulatorOptions {
  timeToFirstTokenMs: number;
  interTokenLatencyMs: number;
  jitter: number;
  outputTokens: { min: number; max: number };
  faults: Partial<Record<SimulatorFault, number>>;
  retryAfterSeconds: number;
  model: string;
  embeddingDimensions: number;
  reply: 'words' | 'demo';
  random: () => number;
  stampChunks: boolean;
}

export function resolveSimulatorOptions(options: SimulatorOptions = {}): ResolvedSimulatorOptions {
  const {
    timeToFirstTokenMs = 0,
    interTokenLatencyMs = 0,
    jitter = 0,
    outputTokens = 16,
    faults = {},
    retryAfterSeconds = 1,
    model = 'simulated-model',
    embeddingDimensions = 8,
    reply = 'words',
    random = Math.random,
    stampChunks = false,
  } = options;
  const range = typeof outputTokens === 'number' ? { min: outputTokens, max: outputTokens } : outputTokens;
  return {
    timeToFirstTokenMs,
    interTokenLatencyMs,
    jitter,
    outputTokens: range,
    faults,
    retryAfterSeconds,
    model,
    embeddingDimensions,
    reply,
    random,
    stampChunks,
  };
}
