// The reranker the configuration names (rag.reranker), or none.
import type { GantryConfig } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';
import { resolveModel } from '../../model/index.js';
import { httpReranker } from './http-reranker.js';
import { llmReranker } from './llm-reranker.js';
import type { Reranker } from './reranker.js';

export function configuredReranker(
  config: GantryConfig,
  env: NodeJS.ProcessEnv = process.env,
): Reranker | undefined {
  const { type, url, model, apiKeyEnv } = config.rag.reranker;
  if (type === 'none') return undefined;
  if (type === 'http') {
    if (!url) {
      throw new GantryError('CONFIG_INVALID', 'rag.reranker.type is http but rag.reranker.url is not set.', {
        hint: 'Set rag.reranker.url to the /rerank endpoint, e.g. http://127.0.0.1:8080/rerank.',
      });
    }
    return httpReranker({ url, model, apiKey: apiKeyEnv ? env[apiKeyEnv] : undefined });
  }
  if (!model) {
    throw new GantryError('CONFIG_INVALID', 'rag.reranker.type is llm but rag.reranker.model is not set.', {
      hint: "Set rag.reranker.model to 'provider:model' or an alias.",
    });
  }
  return llmReranker({ model: resolveModel(model, { config }) });
}
