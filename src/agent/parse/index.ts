export { inferFormat } from './infer-format.js';
export { looksLikeCall } from './looks-like-call.js';
export { type ArgumentsResult, parseArguments } from './parse-arguments.js';
export { type ParseToolCallsOptions, parseToolCalls, type ToolCallParse } from './parse-tool-calls.js';
export { type ReadOptions, type ReadResult, readValue, type ValueRepair } from './read-value.js';
export type {
  CallFormat,
  ParsedToolCall,
  ParseError,
  ParseErrorKind,
  Repair,
  RepairKind,
  ToolShape,
} from './types.js';
