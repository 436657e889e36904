// JSON protocol: the model answers with one JSON object (structured output where the provider has
// it): {"tool": name, "arguments": {...}} to call a tool, {"final_answer": "..."} to answer. Replies
// in another call format are read by parseToolCalls too; anything else is a format error.
import type { JSONSchema7 } from '@ai-sdk/provider';
import { parseToolCalls } from '../parse/parse-tool-calls.js';
import { textHistory, toolCatalogue } from './text-history.js';
import { observationText, type ToolProtocol } from './tool-protocol.js';
import { turnFromParse } from './turn-from-parse.js';

const formatReminder =
  'Reply with exactly one JSON object: {"tool": "<tool name>", "arguments": {...}} or {"final_answer": "..."}.';

const callOrAnswerSchema = (toolNames: string[]): JSONSchema7 => ({
  type: 'object',
  properties: {
    tool: { type: 'string', enum: toolNames },
    arguments: { type: 'object' },
    final_answer: { type: 'string' },
  },
});
const answerSchema: JSONSchema7 = {
  type: 'object',
  properties: { final_answer: { type: 'string' } },
  required: ['final_answer'],
};

export const jsonProtocol: ToolProtocol = {
  name: 'json',
  prompt({ instructions, messages, tools, toolsEnabled }) {
    const usable = toolsEnabled && tools.length > 0;
    const format = usable
      ? 'Reply with exactly one JSON object and nothing else. To call a tool: {"tool": "<tool name>", "arguments": {<arguments>}}. ' +
        'To give the final answer: {"final_answer": "<your answer>"}.\n\nTools:\n' +
        toolCatalogue(tools)
      : 'Reply with exactly one JSON object and nothing else: {"final_answer": "<your answer>"}. No tools can be called now.';
    const system = [instructions, format].filter(Boolean).join('\n\n');
    return {
      prompt: textHistory(system, messages, renderResult),
      responseFormat: {
        type: 'json',
        name: 'agent_turn',
        schema: usable ? callOrAnswerSchema(tools.map((tool) => tool.name)) : answerSchema,
      },
    };
  },
  parse(turn, { step, tools, model }) {
    const parsed = parseToolCalls(turn.text, { tools, model, format: 'json' });
    if (parsed.calls.length === 0 && parsed.errors.length === 0) {
      // A reply that is not the required object is re-asked; a plain-text answer is accepted on the
      // forced last turn only (no tools), where nothing else can be done with it.
      const answered = parsed.finalAnswer !== undefined && parsed.finalAnswer !== turn.text.trim();
      if (!answered && tools.length > 0 && turn.text.trim() !== '')
        return {
          calls: [],
          formatError: `Your reply was not a JSON object of the required form. ${formatReminder}`,
        };
      if (turn.text.trim() === '')
        return { calls: [], formatError: `Your reply was empty. ${formatReminder}` };
    }
    return turnFromParse(parsed, step, formatReminder);
  },
};

function renderResult(result: { name: string; id: string; output: unknown; isError: boolean }): string {
  const label = result.isError ? 'Error from' : 'Result of';
  return `${label} ${result.name} (${result.id}): ${observationText(result.output)}`;
}
