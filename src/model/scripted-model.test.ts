import { generateText, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GantryError } from '../errors/index.js';
import { createScriptedModel } from './scripted-model.js';

describe('scripted model', () => {
  it('drives an AI SDK generateText call through a tool call and records each call', async () => {
    const model = createScriptedModel([
      { toolCalls: [{ toolName: 'add', input: { a: 2, b: 3 } }] },
      { text: 'The sum is 5.' },
    ]);
    const seen: unknown[] = [];
    const result = await generateText({
      model,
      prompt: 'What is 2 + 3?',
      tools: {
        add: tool({
          description: 'Adds two numbers',
          inputSchema: z.object({ a: z.number(), b: z.number() }),
          execute: async ({ a, b }) => {
            seen.push({ a, b });
            return a + b;
          },
        }),
      },
      stopWhen: stepCountIs(5),
    });
    expect(result.text).toBe('The sum is 5.');
    expect(seen).toEqual([{ a: 2, b: 3 }]);
    expect(result.steps).toHaveLength(2);
    expect(model.calls).toHaveLength(2);
    // The second call carries the tool result back to the model.
    const secondPrompt = JSON.stringify(model.calls[1].options.prompt);
    expect(secondPrompt).toContain('tool-result');
    expect(secondPrompt).toContain('5');
    expect(model.calls[0].options.tools?.map((t) => t.name)).toEqual(['add']);
    model.assertComplete();
  });

  it('streams text in the scripted chunks', async () => {
    const model = createScriptedModel([{ text: 'Hello there world', chunks: ['Hel', 'lo there', ' world'] }]);
    const result = streamText({ model, prompt: 'hi' });
    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas).toEqual(['Hel', 'lo there', ' world']);
    expect(await result.text).toBe('Hello there world');
  });

  it('raises scripted errors as API errors with their status', async () => {
    const model = createScriptedModel([{ type: 'error', message: 'rate limited', status: 429 }]);
    await expect(generateText({ model, prompt: 'x', maxRetries: 0 })).rejects.toThrow(/rate limited/);
  });

  it('fails loudly when called past the end of its script, and when steps are left over', async () => {
    const model = createScriptedModel([{ text: 'one' }, { text: 'two' }]);
    expect(() => model.assertComplete()).toThrow(/played 0 of 2/);
    await generateText({ model, prompt: 'x' });
    await generateText({ model, prompt: 'x' });
    model.assertComplete();
    const error = await generateText({ model, prompt: 'x', maxRetries: 0 }).catch((e: unknown) => e);
    const cause = GantryError.isInstance(error)
      ? error
      : ((error as { lastError?: unknown }).lastError ?? error);
    expect(String((cause as Error).message)).toMatch(/called 3 times but its script has 2 steps/);
  });

  it('computes steps from the call when a step is a function', async () => {
    const model = createScriptedModel([(options) => ({ text: `saw ${options.prompt.length} messages` })]);
    const { text } = await generateText({ model, system: 'be brief', prompt: 'hi' });
    expect(text).toBe('saw 2 messages');
  });
});
