// The model-based groundedness check: a judge model reads the numbered sources and the numbered
// claims and answers one verdict per claim ("1: SUPPORTED", "2: UNSUPPORTED"). Any chat model works:
// an AI SDK model (a Gantry model spec resolved by the caller) or an OpenAI-compatible endpoint.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { GantryError } from '../../errors/index.js';

/** An OpenAI-compatible chat endpoint (vLLM, llama.cpp server, Ollama, OpenAI, the Gantry gateway). */
export interface JudgeEndpoint {
  /** Base URL ending in /v1. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  fetch?: typeof fetch;
}

export type GroundednessJudge = LanguageModelV3 | JudgeEndpoint;

export const judgeSystemPrompt = [
  'You check whether each claim is supported by the numbered sources.',
  'A claim is SUPPORTED only when the sources state it or directly imply it; a claim that changes a number,',
  'a name or the polarity of what the sources say, or adds facts they do not contain, is UNSUPPORTED.',
  'Answer one line per claim, in order, exactly in the form "<claim number>: SUPPORTED" or',
  '"<claim number>: UNSUPPORTED", and nothing else.',
].join(' ');

export function judgeModelOf(judge: GroundednessJudge): LanguageModelV3 {
  if ('specificationVersion' in judge) return judge;
  if (!judge.baseUrl || !judge.model) {
    throw new GantryError(
      'GUARD_GROUNDEDNESS_JUDGE_INVALID',
      'The groundedness judge needs a baseUrl and a model name.',
      {
        hint: 'Pass an AI SDK model (e.g. resolveModel("openai:gpt-4o-mini")) or { baseUrl: "http://127.0.0.1:8000/v1", model: "…" }.',
      },
    );
  }
  return createOpenAICompatible({
    name: 'guard-judge',
    baseURL: judge.baseUrl.replace(/\/$/, ''),
    apiKey: judge.apiKey,
    fetch: judge.fetch,
  }).chatModel(judge.model);
}

export function judgePrompt(claims: readonly string[], sources: readonly string[]): string {
  const sourceText = sources.map((text, i) => `[${i + 1}] ${text}`).join('\n\n');
  const claimText = claims.map((text, i) => `${i + 1}. ${text}`).join('\n');
  return `Sources:\n\n${sourceText}\n\nClaims:\n${claimText}`;
}

/** Verdicts by claim number (1-based) from the judge's reply; claims it skipped are absent. */
export function parseJudgeVerdicts(reply: string): Map<number, boolean> {
  const verdicts = new Map<number, boolean>();
  for (const match of reply.matchAll(
    /^\W*(?:claim\s*)?(\d+)\W+(not[\s_-]+supported|unsupported|supported|partially[\s_-]+supported)\b/gim,
  )) {
    const number = Number(match[1]);
    if (!verdicts.has(number)) verdicts.set(number, /^supported$/i.test(match[2]));
  }
  return verdicts;
}

/** Asks the judge about every claim in one call; throws GUARD_GROUNDEDNESS_JUDGE_FAILED on any failure. */
export async function judgeClaims(
  model: LanguageModelV3,
  claims: readonly string[],
  sources: readonly string[],
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<Map<number, boolean>> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let text: string;
  try {
    ({ text } = await generateText({
      model,
      system: judgeSystemPrompt,
      prompt: judgePrompt(claims, sources),
      temperature: 0,
      maxRetries: 0,
      abortSignal: signal,
    }));
  } catch (error) {
    const why = timeout.aborted ? `no answer within ${options.timeoutMs} ms` : (error as Error).message;
    throw judgeFailed(`${model.provider}:${model.modelId}: ${why}`, error);
  }
  const verdicts = parseJudgeVerdicts(text);
  if (verdicts.size === 0) throw judgeFailed(`no verdict in its answer "${text.slice(0, 60)}"`);
  return verdicts;
}

function judgeFailed(why: string, cause?: unknown): GantryError {
  return new GantryError('GUARD_GROUNDEDNESS_JUDGE_FAILED', `The groundedness judge failed: ${why}.`, {
    hint: 'Check the judge endpoint, raise judgeTimeoutMs, or keep the default fallback (the lexical check).',
    cause,
  });
}
