// The `auto` protocol against a real OpenAI-compatible client (the AI SDK provider over HTTP): a
// backend that refuses tools, as Ollama does for models without tool support, then one that also
// refuses structured output.
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent } from '../src/agent/index.js';
import { resolveModel } from '../src/model/index.js';
import { calculatorTool } from '../src/tool/index.js';
import { type FakeBackend, startFakeOpenAI } from './agent-fake-openai.js';

let backend: FakeBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

function modelFor(url: string) {
  return resolveModel('fake:gemma', {
    config: { providers: { fake: { type: 'openai-compatible', baseURL: url } }, models: {} },
  });
}

describe('auto protocol over HTTP', () => {
  it('falls back to json when the backend says the model does not support tools', async () => {
    backend = await startFakeOpenAI((request) => {
      if (request.tools)
        return {
          error: { status: 400, message: 'registry.ollama.ai/library/gemma:2b does not support tools' },
        };
      const answered = request.messages.some((m) =>
        JSON.stringify(m.content).includes('Result of calculator'),
      );
      return {
        content: answered
          ? '{"final_answer": "391"}'
          : '{"tool": "calculator", "arguments": {"expression": "17*23"}}',
      };
    });
    const result = await createAgent({ model: modelFor(backend.url), tools: [calculatorTool()] }).run(
      '17*23?',
    );
    expect(result).toMatchObject({ text: '391', protocol: 'json', stopReason: 'final-answer' });
    expect(backend.requests[1]).toMatchObject({ response_format: { type: expect.stringMatching(/json/) } });
  });

  it('falls back to react when structured output is refused as well', async () => {
    backend = await startFakeOpenAI((request) => {
      if (request.tools) return { error: { status: 400, message: 'model does not support tools' } };
      if ((request as { response_format?: unknown }).response_format) {
        return {
          error: {
            status: 400,
            message: "Invalid parameter: 'response_format' is not supported with this model.",
          },
        };
      }
      const answered = request.messages.some((m) => JSON.stringify(m.content).includes('Observation'));
      return {
        content: answered
          ? 'Thought: done.\nFinal Answer: 391'
          : 'Thought: compute.\nAction: calculator\nAction Input: {"expression": "17*23"}',
      };
    });
    const result = await createAgent({ model: modelFor(backend.url), tools: [calculatorTool()] }).run(
      '17*23?',
    );
    expect(result).toMatchObject({ text: '391', protocol: 'react' });
  });
});
