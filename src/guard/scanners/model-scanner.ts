// A model-backed scanner: any OpenAI-compatible moderation endpoint (`/v1/moderations`, OpenAI's API)
// or a chat model asked in Llama Guard's format ("safe" / "unsafe\nS1,S10"): Llama Guard served by vLLM
// with its own template, or any instruction-following model given the hazard taxonomy prompt.
// Asynchronous and slow (a network call); in a policy it runs with a time budget and a fallback
// (`models` in the policy, `checkTextAsync`). `leak-judge`: a chat model asked whether an answer gives away
// the policy's canaries or system prompt in any form (the leaks the promptLeak matcher cannot read).
import { GantryError } from '../../errors/index.js';
import { type Direction, type Finding, resultOf, type ScanResult } from '../types.js';
import { type LeakSecrets, leakJudgePrompt, parseLeakVerdict } from './leak-judge-prompt.js';
import { hazardCategories, llamaGuardPrompt, parseLlamaGuardVerdict } from './llama-guard-prompt.js';

export interface ModelScannerOptions {
  /** Base URL ending in /v1 (e.g. http://127.0.0.1:8000/v1). */
  baseUrl: string;
  apiKey?: string;
  model: string;
  protocol: 'openai-moderation' | 'llama-guard' | 'leak-judge';
  /**
   * llama-guard only. `taxonomy` (default): the text is wrapped in Llama Guard 3's classification prompt
   * with the hazard categories, for any chat model. `server-template`: the text alone, for a Llama Guard
   * model whose server applies its own chat template (vLLM serving meta-llama/Llama-Guard-3-8B).
   */
  prompt?: 'taxonomy' | 'server-template';
  /** llama-guard with `taxonomy`: the category codes to check (default S1–S14). */
  categories?: string[];
  /** openai-moderation: category score at or above which a finding is reported (default 0.5). */
  threshold?: number;
  /**
   * leak-judge only: what must not leak (the policy passes its promptLeak canaries and system prompt). They
   * are sent to the judge's endpoint: use a model you would trust with them.
   */
  secrets?: LeakSecrets;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type AsyncScanner = (
  text: string,
  context?: { direction?: Direction; signal?: AbortSignal },
) => Promise<ScanResult>;

export function validateModelScannerOptions(options: ModelScannerOptions): void {
  const problems: string[] = [];
  if (typeof options.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl))
    problems.push('baseUrl must be an http(s) URL ending in /v1');
  if (typeof options.model !== 'string' || options.model === '') problems.push('model is required');
  if (!['openai-moderation', 'llama-guard', 'leak-judge'].includes(options.protocol))
    problems.push(
      `protocol must be openai-moderation, llama-guard or leak-judge, not ${String(options.protocol)}`,
    );
  if (
    options.protocol === 'leak-judge' &&
    !options.secrets?.canaries.length &&
    !options.secrets?.systemPrompt
  )
    problems.push(
      'leak-judge needs something to protect: set promptLeak.canaries or promptLeak.systemPrompt',
    );
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0))
    problems.push('timeoutMs must be positive');
  const unknown = (options.categories ?? []).filter((code) => !hazardCategories[code]);
  if (unknown.length) problems.push(`unknown hazard categories ${unknown.join(', ')} (S1–S14)`);
  if (problems.length) {
    throw new GantryError(
      'GUARD_MODEL_SCANNER_INVALID',
      `The model-backed guard scanner is misconfigured: ${problems.join('; ')}.`,
      {
        hint: 'See "Model-backed scanners" in docs/guard.md for the options.',
        details: { problems },
      },
    );
  }
}

export function modelScanner(options: ModelScannerOptions): AsyncScanner {
  validateModelScannerOptions(options);
  const {
    baseUrl,
    apiKey,
    model,
    protocol,
    prompt = 'taxonomy',
    categories,
    threshold = 0.5,
    secrets,
    timeoutMs = 10_000,
    fetch: fetchImpl = fetch,
  } = options;
  const base = baseUrl.replace(/\/$/, '');
  const call = async (
    path: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> => {
    let response: Response;
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      response = await fetchImpl(base + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      if (!response.ok) throw failed(`${base + path} answered HTTP ${response.status}`);
      return (await response.json()) as Record<string, unknown>;
    } catch (error) {
      if (GantryError.isInstance(error)) throw error;
      const why = timeout.aborted ? `no answer within ${timeoutMs} ms` : (error as Error).message;
      throw failed(`cannot reach ${base + path}: ${why}`, error);
    }
  };
  const chat = async (content: string, signal?: AbortSignal): Promise<string> => {
    const data = await call(
      '/chat/completions',
      { model, messages: [{ role: 'user', content }], temperature: 0, max_tokens: 20 },
      signal,
    );
    const answer = (data.choices as { message?: { content?: string } }[] | undefined)?.[0]?.message?.content;
    if (typeof answer !== 'string') throw failed('the chat answer has no choices[0].message.content');
    return answer;
  };
  return async (text, context = {}) => {
    if (protocol === 'leak-judge') {
      const answer = await chat(leakJudgePrompt(text, secrets ?? { canaries: [] }), context.signal);
      const verdict = parseLeakVerdict(answer);
      if (!verdict) throw failed(`expected "LEAK" or "SAFE", got "${answer.slice(0, 40)}"`);
      return resultOf(verdict === 'leak' ? [{ scanner: 'model', type: 'prompt_leak', score: 1 }] : []);
    }
    if (protocol === 'openai-moderation') {
      const data = await call('/moderations', { model, input: text }, context.signal);
      const result = (
        data.results as { flagged?: boolean; category_scores?: Record<string, number> }[] | undefined
      )?.[0];
      if (!result?.category_scores) throw failed('the moderation answer has no results[0].category_scores');
      const findings: Finding[] = Object.entries(result.category_scores)
        .filter(([, score]) => score >= threshold)
        .map(([category, score]) => ({ scanner: 'model', type: category, score }));
      return resultOf(findings);
    }
    const content =
      prompt === 'server-template'
        ? text
        : llamaGuardPrompt(text, context.direction ?? 'input', categories ?? Object.keys(hazardCategories));
    const answer = await chat(content, context.signal);
    const verdict = parseLlamaGuardVerdict(answer);
    if (!verdict) throw failed(`expected "safe" or "unsafe", got "${answer.slice(0, 40)}"`);
    if (verdict.safe) return resultOf([]);
    const codes = verdict.codes.length ? verdict.codes : ['unsafe'];
    return resultOf(
      codes.map((code) => ({ scanner: 'model', type: hazardCategories[code]?.type ?? code, score: 1 })),
    );
  };
}

function failed(why: string, cause?: unknown): GantryError {
  return new GantryError('GUARD_MODEL_SCANNER_FAILED', `The model-backed guard scanner failed: ${why}.`, {
    hint: 'Check the scanner endpoint (baseUrl, model, apiKey), raise its timeoutMs, or rely on its onFailure fallback.',
    cause,
  });
}
