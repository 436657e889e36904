// Renders the history as plain chat messages for the text protocols (json, react), which cannot use
// the provider's tool-call and tool-result parts.
import type { LanguageModelV3Prompt } from '@ai-sdk/provider';
import type { AgentMessage } from '../agent-message.js';
import { observationText } from './tool-protocol.js';

export function textHistory(
  system: string,
  messages: readonly AgentMessage[],
  renderResult: (result: { name: string; output: unknown; isError: boolean; id: string }) => string,
): LanguageModelV3Prompt {
  const prompt: LanguageModelV3Prompt = [{ role: 'system', content: system }];
  for (const message of messages) {
    if (message.role === 'assistant') {
      prompt.push({ role: 'assistant', content: [{ type: 'text', text: message.text }] });
    } else if (message.role === 'tool') {
      const text = message.results.map(renderResult).join('\n');
      prompt.push({ role: 'user', content: [{ type: 'text', text }] });
    } else {
      prompt.push({ role: 'user', content: [{ type: 'text', text: message.text }] });
    }
  }
  return prompt;
}

export function toolCatalogue(
  tools: readonly { name: string; description: string; inputSchema: unknown }[],
): string {
  return tools
    .map(
      (tool) =>
        `- ${tool.name}: ${tool.description}\n  arguments (JSON Schema): ${observationText(tool.inputSchema)}`,
    )
    .join('\n');
}
