// A model-backed scanner: any OpenAI-compatible moderation endpoint (`/v1/moderations`, OpenAI's API)
// or a chat model that answers in Llama Guard's format ("safe" / "unsafe\nS1,S10"), e.g. Llama Guard
// served by vLLM. Asynchronous and slow (a network call), so policies run it only where configured.
import { GantryError } from '../../errors/index.js';
import { type Finding, resultOf, type ScanResult } from '../types.js';

export interface ModelScannerOptions {
  /** Base URL ending in /v1 (e.g. http://127.0.0.1:8000/v1). */
  baseUrl: string;
  apiKey?: string;
  model: string;
  protocol: 'openai-moderation' | 'llama-guard';
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type AsyncScanner = (text: string) => Promise<ScanResult>;

const llamaGuardCategories: Record<string, string> = {
  S1: 'violent-crimes',
  S2: 'non-violent-crimes',
  S3: 'sex-crimes',
  S4: 'child-exploitation',
  S5: 'defamation',
  S6: 'specialized-advice',
  S7: 'privacy',
  S8: 'intellectual-property',
  S9: 'indiscriminate-weapons',
  S10: 'hate',
  S11: 'self-harm',
  S12: 'sexual-content',
  S13: 'elections',
  S14: 'code-interpreter-abuse',
};

export function modelScanner(options: ModelScannerOptions): AsyncScanner {
  const { baseUrl, apiKey, model, protocol, timeoutMs = 10_000, fetch: fetchImpl = fetch } = options;
  const base = baseUrl.replace(/\/$/, '');
  const call = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
    let response: Response;
    try {
      response = await fetchImpl(base + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw failed(`cannot reach ${base + path}: ${(error as Error).message}`, error);
    }
    if (!response.ok) throw failed(`${base + path} answered HTTP ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  return async (text) => {
    if (protocol === 'openai-moderation') {
      const data = await call('/moderations', { model, input: text });
      const result = (
        data.results as { flagged?: boolean; category_scores?: Record<string, number> }[] | undefined
      )?.[0];
      if (!result?.category_scores) throw failed('the moderation answer has no results[0].category_scores');
      const findings: Finding[] = Object.entries(result.category_scores)
        .filter(([, score]) => score >= 0.5)
        .map(([category, score]) => ({ scanner: 'model', type: category, score }));
      return resultOf(findings);
    }
    const data = await call('/chat/completions', {
      model,
      messages: [{ role: 'user', content: text }],
      temperature: 0,
      max_tokens: 20,
    });
    const content = (data.choices as { message?: { content?: string } }[] | undefined)?.[0]?.message?.content;
    if (typeof content !== 'string') throw failed('the chat answer has no choices[0].message.content');
    const verdict = content.trim().toLowerCase();
    if (verdict.startsWith('safe')) return resultOf([]);
    if (!verdict.startsWith('unsafe'))
      throw failed(`expected "safe" or "unsafe", got "${content.slice(0, 40)}"`);
    const codes = content.match(/S\d{1,2}/g) ?? ['unsafe'];
    return resultOf(
      codes.map((code) => ({ scanner: 'model', type: llamaGuardCategories[code] ?? code, score: 1 })),
    );
  };
}

function failed(why: string, cause?: unknown): GantryError {
  return new GantryError('GUARD_MODEL_SCANNER_FAILED', `The model-backed guard scanner failed: ${why}.`, {
    hint: 'Check the scanner endpoint (baseUrl, model, apiKey) or remove the model scanner from the policy.',
    cause,
  });
}
