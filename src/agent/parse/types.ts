// The shapes the tool-call parser returns: calls with the repairs made to read them, errors for
// call-like text that could not be read safely, and the model's final answer when it gave one.
import type { ValueRepair } from './read-value.js';

/** The envelope a call was read from. */
export type CallFormat =
  | 'hermes'
  | 'qwen-xml'
  | 'mistral'
  | 'llama'
  | 'pythonic'
  | 'gemma'
  | 'deepseek'
  | 'kimi'
  | 'fenced'
  | 'json'
  | 'react'
  | 'native';

export type RepairKind =
  | ValueRepair
  | 'double-encoded'
  | 'missing-close-tag'
  | 'missing-parameter-close'
  | 'special-tokens-stripped'
  | 'language-tag-stripped'
  | 'trailing-text-ignored'
  | 'duplicate-arguments-merged'
  | 'tool-name-normalised'
  | 'text-to-single-parameter'
  | 'positional-arguments'
  | 'missing-marker'
  | 'final-answer-dropped'
  | 'hallucinated-observation-dropped';

export interface Repair {
  kind: RepairKind;
  detail: string;
}

export interface ParsedToolCall {
  name: string;
  input: unknown;
  /** The text the call was read from, kept for the trace. */
  raw: string;
  format?: CallFormat;
  /** [start, end) of the call's text in the model's reply. */
  span?: [number, number];
  /** Every deviation from the format that was repaired to read this call (empty: read as written). */
  repairs?: Repair[];
  /** Set when the arguments could not be read safely; the call is never run, the model is told. */
  inputError?: string;
}

export type ParseErrorKind = 'truncated' | 'invalid-arguments' | 'unrecognised-call';

export interface ParseError {
  kind: ParseErrorKind;
  /** Written for the model: what was wrong and how to write it. */
  message: string;
  raw: string;
  format?: CallFormat;
  /** The tool the broken call names, when it could be read. */
  name?: string;
  span?: [number, number];
}

/** A tool as the parser sees it: its name and, when known, its JSON Schema (to type XML values, map positional arguments). */
export interface ToolShape {
  name: string;
  inputSchema?: unknown;
}

export interface ParseContext {
  tools: readonly ToolShape[];
  /** The tool of that name (exact, then ignoring case, spaces, dashes), and whether the name was normalised. */
  resolve(name: string): { name: string; tool?: ToolShape; normalised: boolean };
}

/** What one envelope reader found: calls, errors or a final answer, over [start, end) of the text. */
export interface Candidate {
  format: CallFormat;
  start: number;
  end: number;
  calls: ParsedToolCall[];
  errors: ParseError[];
  finalAnswer?: string;
  /** Repairs that concern the whole reply (a dropped final answer). */
  repairs?: Repair[];
}

/** Where text from `at` is already read by a preferred reader: the end of that span, or -1. */
export type Claimed = (at: number) => number;

export type EnvelopeReader = (text: string, context: ParseContext, claimed: Claimed) => Candidate[];
