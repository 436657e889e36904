// A parse result as the loop's turn: calls to run (a broken call that names its tool becomes a call
// with `inputError`, answered with the error and never run), a format error to re-ask with when only
// call-like text that could not be read was found, or the final answer.
import type { ToolCallParse } from '../parse/parse-tool-calls.js';
import type { ParsedTurn } from './tool-protocol.js';

export function turnFromParse(parsed: ToolCallParse, step: number, formatHint: string): ParsedTurn {
  const broken = parsed.errors.filter((error) => error.name !== undefined);
  const calls = [
    ...parsed.calls,
    ...broken.map((error) => ({
      name: error.name as string,
      input: {},
      raw: error.raw,
      ...(error.format ? { format: error.format } : {}),
      ...(error.span ? { span: error.span } : {}),
      repairs: [],
      inputError: error.message,
    })),
  ].sort((a, b) => (a.span?.[0] ?? 0) - (b.span?.[0] ?? 0));
  const diagnostics = { repairs: parsed.repairs, errors: parsed.errors };
  if (calls.length > 0)
    return { calls: calls.map((call, index) => ({ ...call, id: `call_${step}_${index}` })), ...diagnostics };
  if (parsed.errors.length > 0) {
    return {
      calls: [],
      formatError: `Your reply looks like a tool call that could not be read: ${parsed.errors.map((e) => e.message).join(' ')} Nothing was run. ${formatHint}`,
      ...diagnostics,
    };
  }
  return { calls: [], finalText: parsed.finalAnswer ?? parsed.prose, ...diagnostics };
}
