// JSON protocol: the model answers with one JSON object (structured output where the provider has
// it): {"tool": name, "arguments": {...}} to call a tool, {"final_answer": "..."} to answer.
import type { JSONSchema7 } from '@ai-sdk/provider';
import { extractToolCalls } from '../parse/extract-tool-calls.js';
import { callsFromValue } from '../parse/normalise-call.js';
import { parseLooseJson } from '../parse/parse-loose-json.js';
import { textHistory, toolCatalogue } from './text-history.js';
import { observationText, type ToolProtocol } from './tool-protocol.js';

const finalKeys = ['final_answer', 'finalAnswer', 'answer', 'final'];

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
    // Typed, so that each branch is checked as a JSON Schema (not as one union of object shapes).
    const schema: JSONSchema7 = usable
      ? {
          type: 'object',
          properties: {
            tool: { type: 'string', enum: tools.map((tool) => tool.name) },
            arguments: { type: 'object' },
            final_answer: { type: 'string' },
          },
        }
      : { type: 'object', properties: { final_answer: { type: 'string' } }, required: ['final_answer'] };
    return {
      prompt: textHistory(system, messages, renderResult),
      responseFormat: {
        type: 'json',
        name: 'agent_turn',
        schema,
      },
    };
  },
  parse(turn, { step, toolNames }) {
    const parsed = parseLooseJson(stripFence(turn.text));
    if (parsed.ok && parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value)) {
      const object = parsed.value as Record<string, unknown>;
      const finalKey = finalKeys.find((key) => key in object);
      if (finalKey && !object.tool) {
        return { calls: [], finalText: observationText(object[finalKey]) };
      }
    }
    if (parsed.ok) {
      const value = (parsed.value as { tool_calls?: unknown })?.tool_calls ?? parsed.value;
      const calls = callsFromValue(value, turn.text);
      if (calls.length > 0)
        return { calls: calls.map((call, index) => ({ ...call, id: `call_${step}_${index}` })) };
    }
    const recovered = extractToolCalls(turn.text, { toolNames });
    if (recovered.calls.length > 0) {
      return { calls: recovered.calls.map((call, index) => ({ ...call, id: `call_${step}_${index}` })) };
    }
    return {
      calls: [],
      formatError:
        'Your reply was not a JSON object of the required form. Reply with exactly one JSON object: ' +
        '{"tool": "<tool name>", "arguments": {...}} or {"final_answer": "..."}.',
    };
  },
};

function renderResult(result: { name: string; id: string; output: unknown; isError: boolean }): string {
  const label = result.isError ? 'Error from' : 'Result of';
  return `${label} ${result.name} (${result.id}): ${observationText(result.output)}`;
}

function stripFence(text: string): string {
  const match = /^\s*```(?:json)?\s*([\s\S]*?)```\s*$/.exec(text);
  return match ? match[1] : text;
}
