// Shared by the team tests: scripted members and readers for what a model was sent.
import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { z } from 'zod';
import { createScriptedModel, type ScriptedModel, type ScriptedStep } from '../src/model/index.js';
import { defineTool } from '../src/tool/index.js';

/** A scripted model that, like a real backend, stops at the maxOutputTokens it is given. */
export function scripted(steps: ScriptedStep[], loop = false): ScriptedModel {
  return createScriptedModel(steps, { loop, honourMaxOutputTokens: true });
}

/** The text of the user message the member's run started from (its input). */
export function inputOf(options: LanguageModelV3CallOptions): string {
  const user = options.prompt.find((message) => message.role === 'user');
  if (!user || !Array.isArray(user.content)) return '';
  return user.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** Everything the model was sent, as one string (to count what a prompt repeats). */
export function promptText(options: LanguageModelV3CallOptions): string {
  return JSON.stringify(options.prompt);
}

export function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

export function searchTool(log: string[] = []) {
  return defineTool({
    name: 'search',
    description: 'Searches the notes.',
    input: z.object({ q: z.string() }),
    execute: ({ q }) => {
      log.push(q);
      return `notes about ${q}`;
    },
  });
}

export const call = (toolName: string, input: unknown = {}) => ({ toolCalls: [{ toolName, input }] });
