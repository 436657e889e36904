// Records of the gateway domain: API keys with their limits, usage rows and totals.

export interface GatewayKeyLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
  concurrentRequests?: number;
  dailyBudgetUsd?: number;
  totalBudgetUsd?: number;
}

export interface GatewayKeyRecord {
  id: string;
  name: string;
  keyHash: string;
  /** The first characters of the key, to recognise it in lists. */
  keyPrefix: string;
  createdAt: number;
  revokedAt: number | null;
  limits: GatewayKeyLimits;
  /** Aliases the key may call; null means every model. */
  models: string[] | null;
}

/** What a usage row is for: the OpenAI endpoint family, or the image/audio path (images.generations...). */
export type GatewayUsageEndpoint =
  | 'chat'
  | 'completions'
  | 'embeddings'
  | 'images.generations'
  | 'images.edits'
  | 'images.variations'
  | 'audio.speech'
  | 'audio.transcriptions'
  | 'audio.translations';

export interface GatewayUsageRecord {
  keyId: string | null;
  /** The alias the client asked for. */
  model: string;
  route: string;
  upstream: string | null;
  endpoint: GatewayUsageEndpoint;
  status: number;
  stream: boolean;
  cached: boolean;
  inputTokens: number;
  outputTokens: number;
  /** Of inputTokens, read from the provider's prompt cache (OpenAI cached_tokens, Anthropic cache_read_input_tokens); 0 when omitted. */
  cachedTokens?: number;
  /** Of inputTokens, written to the provider's prompt cache (Anthropic cache_creation_input_tokens); 0 when omitted. */
  cacheWriteTokens?: number;
  costUsd: number;
  /** 'upstream' when the backend reported usage, 'counted' when the gateway counted tokens itself. */
  usageSource: 'upstream' | 'counted' | 'none';
  durationMs: number;
  createdAt: number;
  /** The request's span, stored in the same row (one insert, not two): see usage-span.ts. */
  span?: GatewayUsageSpan;
}

/**
 * A gateway request's span, kept in its usage row. The trace store reads it back as a one-span trace:
 * name, kind, status and the GenAI attributes come from the row's columns (usage-span.ts), the rest
 * from here. The span ends at startTime + durationMs.
 */
export interface GatewayUsageSpan {
  /** Its first 12 hex digits are the row's createdAt in ms (src/trace/ids.ts). */
  traceId: string;
  spanId: string;
  /** Milliseconds since the epoch (fractional). */
  startTime: number;
  /** gen_ai.response.model: the model the upstream answered with, when it named one. */
  responseModel: string | null;
  /** Attributes the row's columns do not hold (they win over the columns), and the status message. */
  extra: { attributes?: Record<string, unknown>; statusMessage?: string } | null;
}

export interface GatewayUsageTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** Of inputTokens, read from / written to the provider's prompt cache. */
  cachedTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}
