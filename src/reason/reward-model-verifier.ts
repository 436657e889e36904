// A reward model served over HTTP as verifier: POST {question, response} → {score}. Any server that
// wraps a reward model (a vLLM/TGI classifier, a hosted PRM) fits behind a small adapter.
import { GantryError } from '../errors/index.js';
import type { Verifier } from './verifier.js';

export interface RewardModelVerifierOptions {
  url: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function rewardModelVerifier(options: RewardModelVerifierOptions): Verifier {
  const { url, headers = {}, timeoutMs = 30_000, fetch: fetchFunction = fetch } = options;
  return async (candidate, _all, context) => {
    const body = JSON.stringify({ question: candidate.question, response: candidate.text });
    let score: unknown;
    try {
      const response = await fetchFunction(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      score = ((await response.json()) as { score?: unknown }).score;
    } catch (error) {
      throw new GantryError(
        'REASON_VERIFIER_FAILED',
        `The reward model at ${url} failed: ${(error as Error).message}.`,
        {
          hint: 'Check that the endpoint is up and answers POST {question, response} with {"score": number}.',
        },
      );
    }
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      throw new GantryError(
        'REASON_VERIFIER_OUTPUT_INVALID',
        `The reward model at ${url} answered without a numeric score.`,
        {
          hint: 'The endpoint must answer with JSON {"score": number}.',
        },
      );
    }
    context.recordExternal('verifier', `reward model, candidate ${candidate.index + 1}`, body, String(score));
    return score;
  };
}
