// Reads the text a scripted model was sent (for tests and replayed models): the user message's text.
import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';

export function promptText(options: Pick<LanguageModelV3CallOptions, 'prompt'>): string {
  let text = '';
  for (const message of options.prompt) {
    if (message.role !== 'user') continue;
    for (const part of message.content) if (part.type === 'text') text += part.text;
  }
  return text;
}
