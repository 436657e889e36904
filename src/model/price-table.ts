// List prices in US dollars per million tokens, as published by the providers (checked 2026-11).
// Local backends (ollama, vLLM, llama.cpp...) cost nothing unless a price is configured.
// Override or extend with setModelPrice() or the `pricing` of a model in gantry.config.json.

export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
  /** Price of cached input tokens read (OpenAI cached_tokens, Anthropic cache_read_input_tokens). */
  cachedInputPerMillion?: number;
  /** Price of input tokens written to the cache (Anthropic cache_creation_input_tokens, 5-minute TTL). */
  cacheWriteInputPerMillion?: number;
}

const table = new Map<string, ModelPrice>(
  Object.entries({
    'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10, cachedInputPerMillion: 1.25 },
    'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6, cachedInputPerMillion: 0.075 },
    'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8, cachedInputPerMillion: 0.5 },
    'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6, cachedInputPerMillion: 0.1 },
    'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4, cachedInputPerMillion: 0.025 },
    o3: { inputPerMillion: 2, outputPerMillion: 8, cachedInputPerMillion: 0.5 },
    'o4-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4, cachedInputPerMillion: 0.275 },
    'gpt-3.5-turbo': { inputPerMillion: 0.5, outputPerMillion: 1.5 },
    'text-embedding-3-small': { inputPerMillion: 0.02, outputPerMillion: 0 },
    'text-embedding-3-large': { inputPerMillion: 0.13, outputPerMillion: 0 },
    'claude-3-5-haiku': {
      inputPerMillion: 0.8,
      outputPerMillion: 4,
      cachedInputPerMillion: 0.08,
      cacheWriteInputPerMillion: 1,
    },
    'claude-3-5-sonnet': {
      inputPerMillion: 3,
      outputPerMillion: 15,
      cachedInputPerMillion: 0.3,
      cacheWriteInputPerMillion: 3.75,
    },
    'claude-3-7-sonnet': {
      inputPerMillion: 3,
      outputPerMillion: 15,
      cachedInputPerMillion: 0.3,
      cacheWriteInputPerMillion: 3.75,
    },
    'claude-sonnet-4': {
      inputPerMillion: 3,
      outputPerMillion: 15,
      cachedInputPerMillion: 0.3,
      cacheWriteInputPerMillion: 3.75,
    },
    'claude-opus-4': {
      inputPerMillion: 15,
      outputPerMillion: 75,
      cachedInputPerMillion: 1.5,
      cacheWriteInputPerMillion: 18.75,
    },
  }),
);

const localProviders = new Set(['ollama', 'scripted', 'simulator', 'gantry.scripted']);

/** The price of a model ('provider:model' or a bare id), matching dated ids by prefix. */
export function priceFor(model: string): ModelPrice | undefined {
  const colon = model.indexOf(':');
  const provider = colon > 0 ? model.slice(0, colon) : '';
  const id = colon > 0 ? model.slice(colon + 1) : model;
  const exact = table.get(model) ?? table.get(id);
  if (exact) return exact;
  // 'gpt-4o-mini-2024-07-18' → 'gpt-4o-mini'; the longest matching prefix wins ('gpt-4o-mini' over 'gpt-4o').
  let best: [string, ModelPrice] | undefined;
  for (const entry of table) {
    if (id.startsWith(`${entry[0]}-`) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  if (best) return best[1];
  if (localProviders.has(provider)) return { inputPerMillion: 0, outputPerMillion: 0 };
  return undefined;
}

export function setModelPrice(model: string, price: ModelPrice): void {
  table.set(model, price);
}

export interface CostInput {
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Of inputTokens, those read from the provider's prompt cache. */
  cachedInputTokens?: number;
  /** Of inputTokens, those written to the provider's prompt cache (priced above plain input). */
  cacheWriteTokens?: number;
}

/**
 * Cost in US dollars; 0 when the model has no known price (see priceFor to tell the two apart).
 * `inputTokens` counts every prompt token, cached and written ones included (OpenAI's convention).
 */
export function estimateCost({
  model,
  inputTokens,
  outputTokens,
  cachedInputTokens = 0,
  cacheWriteTokens = 0,
}: CostInput): number {
  const price = priceFor(model);
  if (!price) return 0;
  const cached = Math.min(cachedInputTokens, inputTokens);
  const written = Math.min(cacheWriteTokens, inputTokens - cached);
  const cachedPrice = price.cachedInputPerMillion ?? price.inputPerMillion;
  const writePrice = price.cacheWriteInputPerMillion ?? price.inputPerMillion;
  return (
    ((inputTokens - cached - written) * price.inputPerMillion +
      cached * cachedPrice +
      written * writePrice +
      outputTokens * price.outputPerMillion) /
    1e6
  );
}

/** Registers the prices given in config.models (under both the alias and the 'provider:model' name). */
export function applyConfiguredPrices(models: Record<string, { model: string; pricing?: ModelPrice }>): void {
  for (const [alias, entry] of Object.entries(models)) {
    if (!entry.pricing) continue;
    setModelPrice(alias, entry.pricing);
    setModelPrice(entry.model, entry.pricing);
  }
}
