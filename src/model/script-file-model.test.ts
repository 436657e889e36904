import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateText, stepCountIs, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GantryError } from '../errors/index.js';
import { type ResolveModelOptions, resolveModel } from './resolve-model.js';

const folder = mkdtempSync(join(tmpdir(), 'gantry-script-'));
const file = (name: string, text: string) => {
  writeFileSync(join(folder, name), text);
  return join(folder, name);
};

describe('script:FILE models', () => {
  it('plays a JSON file of turns, tool calls included', async () => {
    const path = file(
      'turns.json',
      JSON.stringify({
        turns: [{ toolCalls: [{ tool: 'add', input: { a: 2, b: 3 } }] }, { text: 'The sum is 5.' }],
      }),
    );
    const seen: unknown[] = [];
    const result = await generateText({
      model: resolveModel(`script:${path}`),
      prompt: 'Add 2 and 3.',
      tools: {
        add: tool({
          inputSchema: z.object({ a: z.number(), b: z.number() }),
          execute: async (input) => {
            seen.push(input);
            return input.a + input.b;
          },
        }),
      },
      stopWhen: stepCountIs(5),
    });
    expect(seen).toEqual([{ a: 2, b: 3 }]);
    expect(result.text).toBe('The sum is 5.');
  });

  it('reads YAML and a bare list, and works behind an alias', async () => {
    const path = file('turns.yaml', '- text: hello from yaml\n');
    const model = resolveModel('scripted', {
      config: { providers: {}, models: { scripted: { model: `script:${path}` } } },
    });
    expect((await generateText({ model, prompt: 'hi' })).text).toBe('hello from yaml');
  });

  it('reports a missing file and a bad turn with the file and the field', () => {
    expect(() => resolveModel('script:/nonexistent/turns.json')).toThrow(/does not exist/);
    const bad = file('bad.json', JSON.stringify({ turns: [{ txt: 'typo' }] }));
    let error: unknown;
    try {
      resolveModel(`script:${bad}`);
    } catch (caught) {
      error = caught;
    }
    expect(GantryError.isInstance(error) && error.code).toBe('MODEL_SCRIPT_INVALID');
    expect((error as Error).message).toContain('bad.json');
    expect((error as Error).message).toContain('turns.0: Unrecognized key: "txt"');
  });
});

describe('gateway route names as models', () => {
  const config = {
    providers: {},
    models: {},
    gateway: { routes: { chat: { targets: [{ upstream: 'x', weight: 1 }] } } },
    server: { host: '0.0.0.0', port: 9123 },
  } as unknown as ResolveModelOptions['config'];

  it("resolves a route name to the local server (was MODEL_SPEC_INVALID: 'chat')", async () => {
    const requests: { url: string; body: { model: string } }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      requests.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          created: 0,
          model: 'chat',
          choices: [{ index: 0, message: { role: 'assistant', content: 'routed' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    }) as typeof globalThis.fetch;
    const { text } = await generateText({ model: resolveModel('chat', { config, fetch }), prompt: 'hi' });
    expect(text).toBe('routed');
    expect(requests[0].url).toBe('http://127.0.0.1:9123/v1/chat/completions');
    expect(requests[0].body.model).toBe('chat');
  });

  it('still refuses a bare name that is neither an alias nor a route, naming both in the hint', () => {
    expect(() => resolveModel('nope', { config })).toThrow(GantryError);
    try {
      resolveModel('nope', { config });
    } catch (error) {
      expect((error as GantryError).hint).toContain('gateway route');
    }
  });
});
