// How tools are offered to a model and how its answer is read: native tool calls, a JSON object
// (structured output), or ReAct text. The loop speaks only this interface.
import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import type { ToolSpec } from '../../tool/index.js';
import type { AgentMessage } from '../agent-message.js';
import type { ParsedToolCall, ParseError, Repair, ToolShape } from '../parse/types.js';

export type ProtocolName = 'native' | 'json' | 'react';

export interface ModelTurn {
  text: string;
  /** Provider tool calls (native protocol); arguments as the provider sent them (usually a JSON string). */
  nativeCalls: { id: string; name: string; input: string }[];
  inputTokens: number;
  outputTokens: number;
  finishReason: string;
}

export interface ParsedTurn {
  calls: (ParsedToolCall & { id: string })[];
  /** The answer, when the model gave one instead of calling tools. */
  finalText?: string;
  /** Set when the reply could not be read at all; the loop asks again with this message. */
  formatError?: string;
  /** What the parser repaired (with the call index) and could not read, for the step's span. */
  repairs?: (Repair & { call?: number })[];
  errors?: ParseError[];
}

export interface ParseTurnContext {
  step: number;
  /** The tools the model may call now (none on the forced last turn). */
  tools: readonly ToolShape[];
  /** The provider/model name, to infer the model family's call format. */
  model?: string;
}

export interface PromptInput {
  instructions?: string;
  messages: readonly AgentMessage[];
  tools: readonly ToolSpec[];
  /** False on the forced last turn: the model must answer from what it has. */
  toolsEnabled: boolean;
}

export type PromptOptions = Pick<
  LanguageModelV3CallOptions,
  'prompt' | 'tools' | 'toolChoice' | 'responseFormat' | 'stopSequences'
>;

export interface ToolProtocol {
  readonly name: ProtocolName;
  prompt(input: PromptInput): PromptOptions;
  parse(turn: ModelTurn, context: ParseTurnContext): ParsedTurn;
}

/** Text for the model describing a tool result or error. */
export function observationText(output: unknown): string {
  if (typeof output === 'string') return output;
  try {
    return JSON.stringify(output);
  } catch {
    return String(output);
  }
}
