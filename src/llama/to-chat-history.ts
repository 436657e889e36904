// Chat history for node-llama-cpp from the two shapes Gantry receives: the AI SDK's prompt (provider)
// and OpenAI chat messages (gateway). Tool calls and their results become function-call items of the
// model's turn, which the GGUF's chat template renders in the model's own syntax.
import type { LanguageModelV3Prompt } from '@ai-sdk/provider';
import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelResponse } from 'node-llama-cpp';
import { GantryError } from '../errors/index.js';

export function historyFromPrompt(prompt: LanguageModelV3Prompt): ChatHistoryItem[] {
  const results = new Map<string, unknown>();
  for (const message of prompt)
    if (message.role === 'tool' || message.role === 'assistant')
      for (const part of message.content)
        if (part.type === 'tool-result') results.set(part.toolCallId, outputOf(part.output));
  const history: ChatHistoryItem[] = [];
  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        history.push({ type: 'system', text: message.content });
        break;
      case 'user':
        history.push({
          type: 'user',
          text: message.content
            .map((part) => {
              if (part.type === 'text') return part.text;
              return unsupportedInput(`a ${part.mediaType} file`);
            })
            .join(''),
        });
        break;
      case 'assistant': {
        const response: ChatModelResponse['response'] = [];
        for (const part of message.content) {
          if (part.type === 'text') response.push(part.text);
          else if (part.type === 'tool-call')
            response.push(functionCall(part.toolName, parseInput(part.input), results.get(part.toolCallId)));
        }
        history.push({ type: 'model', response });
        break;
      }
      case 'tool':
        break;
    }
  }
  return history;
}

interface OpenAIMessage {
  role: string;
  content?: unknown;
  tool_calls?: { id: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

export function historyFromOpenAI(messages: unknown): ChatHistoryItem[] {
  if (!Array.isArray(messages)) {
    throw new GantryError('LLAMA_REQUEST_INVALID', 'The request has no messages array.', {
      hint: 'Send {"messages": [{"role": "user", "content": "..."}]}.',
    });
  }
  const list = messages as OpenAIMessage[];
  const results = new Map(
    list.filter((m) => m.role === 'tool').map((m) => [m.tool_call_id, textOf(m.content)]),
  );
  const history: ChatHistoryItem[] = [];
  for (const m of list) {
    if (m.role === 'system' || m.role === 'developer')
      history.push({ type: 'system', text: textOf(m.content) });
    else if (m.role === 'user') history.push({ type: 'user', text: textOf(m.content) });
    else if (m.role === 'assistant') {
      const response: ChatModelResponse['response'] = [];
      const text = textOf(m.content);
      if (text) response.push(text);
      for (const call of m.tool_calls ?? [])
        response.push(
          functionCall(call.function.name, parseInput(call.function.arguments), results.get(call.id)),
        );
      history.push({ type: 'model', response });
    }
  }
  return history;
}

function functionCall(name: string, params: unknown, result: unknown): ChatModelFunctionCall {
  return { type: 'functionCall', name, params, result: result ?? null };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (content == null) return '';
  if (Array.isArray(content)) {
    return content
      .map((part: { type?: string; text?: string }) =>
        part.type === 'text' ? (part.text ?? '') : unsupportedInput(`a content part of type '${part.type}'`),
      )
      .join('');
  }
  return String(content);
}

function outputOf(output: { type: string; value?: unknown; reason?: string }): unknown {
  if (output.type === 'execution-denied') return `denied${output.reason ? `: ${output.reason}` : ''}`;
  return output.value;
}

function parseInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}

function unsupportedInput(what: string): never {
  throw new GantryError(
    'LLAMA_REQUEST_INVALID',
    `Local llama models take text only; the prompt has ${what}.`,
    {
      hint: 'Send text, or route requests with images and files to a multimodal backend.',
    },
  );
}
