// The common /rerank HTTP API: Cohere, Jina and vLLM take {model, query, documents, top_n} and answer
// {results: [{index, relevance_score}]}; Hugging Face TEI takes {query, texts} and answers
// [{index, score}]. Both answer shapes are accepted; indexes are checked against the candidates.
import { GantryError } from '../../errors/index.js';
import type { Reranker } from './reranker.js';

export interface HttpRerankerOptions {
  /** Full endpoint URL, e.g. http://127.0.0.1:8080/rerank or https://api.cohere.com/v2/rerank. */
  url: string;
  model?: string;
  /** 'cohere' (Cohere, Jina, vLLM) or 'tei' request bodies. */
  api?: 'cohere' | 'tei';
  apiKey?: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

export function httpReranker(options: HttpRerankerOptions): Reranker {
  const { url, model, api = 'cohere', apiKey, timeoutMs = 30_000, fetch = globalThis.fetch } = options;
  return async (query, candidates) => {
    if (candidates.length === 0) return [];
    const documents = candidates.map((candidate) => candidate.text);
    const body =
      api === 'tei'
        ? { query, texts: documents }
        : { ...(model ? { model } : {}), query, documents, top_n: documents.length };
    let payload: unknown;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`status ${response.status}: ${text.slice(0, 200)}`);
      payload = JSON.parse(text);
    } catch (error) {
      throw failure(`The reranker at ${url} failed: ${(error as Error).message}`, url, error);
    }
    const results = Array.isArray(payload) ? payload : (payload as { results?: unknown }).results;
    if (!Array.isArray(results)) throw failure(`The reranker at ${url} answered without a result list.`, url);
    return results
      .map((result: { index?: unknown; relevance_score?: unknown; score?: unknown }) => {
        const index = Number(result.index);
        const score = Number(result.relevance_score ?? result.score);
        if (!Number.isInteger(index) || index < 0 || index >= candidates.length || !Number.isFinite(score)) {
          throw failure(
            `The reranker at ${url} returned index ${String(result.index)} for ${candidates.length} candidates.`,
            url,
          );
        }
        return { id: candidates[index].id, score };
      })
      .sort((left, right) => right.score - left.score);
  };
}

function failure(message: string, url: string, cause?: unknown): GantryError {
  return new GantryError('RAG_RERANK_FAILED', message, {
    hint: 'Check the reranker URL and that it speaks the /rerank API (TEI, Cohere, Jina, vLLM).',
    details: { url },
    cause,
  });
}
