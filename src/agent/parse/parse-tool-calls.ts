// The one entry point for reading tool calls out of a model's text, used by every protocol. Each
// envelope reader (Hermes, Qwen3-Coder XML, Mistral, Llama, pythonic, Gemma, DeepSeek, Kimi, fenced,
// bare JSON, ReAct) reports what it read and where; where two readers claim the same text, the
// model family's own format wins, then the more specific envelope, so no reader eats another's call.
// Repairs are recorded on each call; a call whose arguments were cut off or cannot be read is an
// error (never closed, guessed or run); text that looks like a call but cannot be read is an error
// too, so it never becomes the run's final answer.
import { readBareJson } from './envelopes/bare-json.js';
import { readDeepSeek } from './envelopes/deepseek.js';
import { readFenced } from './envelopes/fenced.js';
import { readGemma } from './envelopes/gemma.js';
import { readHermes } from './envelopes/hermes.js';
import { readKimi } from './envelopes/kimi.js';
import { readLlama } from './envelopes/llama.js';
import { readMistral } from './envelopes/mistral.js';
import { readBarePythonic } from './envelopes/pythonic.js';
import { readQwenXml } from './envelopes/qwen-xml.js';
import { readReact } from './envelopes/react.js';
import { inferFormat } from './infer-format.js';
import { looksLikeCall } from './looks-like-call.js';
import { contextFor } from './parse-context.js';
import type {
  CallFormat,
  Candidate,
  EnvelopeReader,
  ParsedToolCall,
  ParseError,
  Repair,
  ToolShape,
} from './types.js';

export interface ParseToolCallsOptions {
  /** The tools offered to the model (names, and schemas where known). */
  tools?: readonly ToolShape[];
  /** The format the model writes; tried first where readers overlap. `auto` (default): inferred from `model`. */
  format?: CallFormat | 'auto';
  /** The provider/model name (e.g. "ollama/qwen3-coder:30b"), to infer the format. */
  model?: string;
}

export interface ToolCallParse {
  calls: ParsedToolCall[];
  /** The model's answer, when it gave one instead of calls. */
  finalAnswer?: string;
  /** Call-like text that could not be read safely: nothing of it may run; tell the model. */
  errors: ParseError[];
  /** Every repair made, with the index of the call it concerns (none: the reply as a whole). */
  repairs: (Repair & { call?: number })[];
  /** The text besides the calls. */
  prose: string;
}

const readers: Record<Exclude<CallFormat, 'native'>, EnvelopeReader> = {
  deepseek: readDeepSeek,
  kimi: readKimi,
  gemma: readGemma,
  mistral: readMistral,
  'qwen-xml': readQwenXml,
  hermes: readHermes,
  llama: readLlama,
  react: readReact,
  fenced: readFenced,
  pythonic: (text, context) =>
    readBarePythonic(text, context).map(({ start, read }) => ({
      format: 'pythonic',
      start,
      end: read.end,
      calls: read.calls,
      errors: read.errors,
    })),
  json: readBareJson,
};

/** Specific envelopes (special tokens, tags) before generic ones (fences, bare JSON). */
const defaultOrder = Object.keys(readers) as Exclude<CallFormat, 'native'>[];

export function parseToolCalls(text: string, options: ParseToolCallsOptions = {}): ToolCallParse {
  const context = contextFor(options.tools ?? []);
  const preferred = options.format && options.format !== 'auto' ? options.format : inferFormat(options.model);
  const order =
    preferred && preferred !== 'native'
      ? [preferred, ...defaultOrder.filter((f) => f !== preferred)]
      : defaultOrder;

  // Readers run in order of preference; a candidate overlapping an accepted one is dropped, and
  // generic readers skip text a preferred reader already read.
  const accepted: Candidate[] = [];
  const claimed = (at: number) => {
    for (const other of accepted) if (at >= other.start && at < other.end) return other.end;
    return -1;
  };
  for (const format of order) {
    const found = readers[format as Exclude<CallFormat, 'native'>](text, context, claimed);
    for (const candidate of found) {
      if (accepted.some((other) => candidate.start < other.end && other.start < candidate.end)) continue;
      accepted.push(candidate);
    }
  }
  accepted.sort((a, b) => a.start - b.start);

  const calls: ParsedToolCall[] = [];
  const errors: ParseError[] = [];
  const repairs: ToolCallParse['repairs'] = [];
  let finalAnswer: string | undefined;
  for (const candidate of accepted) {
    for (const repair of candidate.repairs ?? []) repairs.push(repair);
    for (const call of candidate.calls) {
      const span = call.span ?? [candidate.start, candidate.end];
      const index = calls.length;
      calls.push({ ...call, span, repairs: call.repairs ?? [] });
      for (const repair of call.repairs ?? []) repairs.push({ ...repair, call: index });
    }
    for (const error of candidate.errors)
      errors.push({ ...error, span: error.span ?? [candidate.start, candidate.end] });
    if (finalAnswer === undefined && candidate.finalAnswer !== undefined) finalAnswer = candidate.finalAnswer;
  }
  const prose = cutSpans(text, accepted);
  if (calls.length > 0) return { calls, errors, repairs, prose };
  if (errors.length === 0 && finalAnswer === undefined) {
    const marker = looksLikeCall(prose);
    if (marker) {
      errors.push({
        kind: 'unrecognised-call',
        message: `The reply contains ${marker} but no tool call could be read from it.`,
        raw: prose.length > 400 ? `${prose.slice(0, 400)}…` : prose,
      });
    }
  }
  if (errors.length > 0) return { calls, errors, repairs, prose };
  return { calls, errors, repairs, prose, finalAnswer: finalAnswer ?? text.trim() };
}

function cutSpans(text: string, accepted: readonly Candidate[]): string {
  if (accepted.length === 0) return text.trim();
  let out = '';
  let index = 0;
  for (const candidate of accepted) {
    out += text.slice(index, candidate.start);
    index = Math.max(index, candidate.end);
  }
  return (out + text.slice(index)).replace(/\n{3,}/g, '\n\n').trim();
}
