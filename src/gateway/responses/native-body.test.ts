import { describe, expect, it } from 'vitest';
import { nativeBodyFor, publicResponse, replayItems } from './native-body.js';

const history = [
  { role: 'user', content: 'weather?' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
  },
  { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
  { role: 'assistant', content: 'It is sunny.' },
];

describe('the body a native Responses upstream gets', () => {
  it('keeps previous_response_id for the upstream that holds it', () => {
    const body = { model: 'm', input: 'and tomorrow?', previous_response_id: 'resp_1' };
    expect(nativeBodyFor(body, { history, nativeUpstream: 'openai' }, 'openai')).toBe(body);
    expect(nativeBodyFor(body, undefined, 'vllm')).toBe(body);
  });

  it('replays the stored conversation, without the id, to any other upstream', () => {
    const body = { model: 'm', input: 'and tomorrow?', previous_response_id: 'resp_1' };
    expect(nativeBodyFor(body, { history, nativeUpstream: 'openai' }, 'vllm')).toEqual({
      model: 'm',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'weather?' }] },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'sunny' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'It is sunny.' }] },
        { role: 'user', content: 'and tomorrow?' },
      ],
    });
    expect(replayItems([])).toEqual([]);
  });

  it("hides the gateway's own field of a stored response", () => {
    expect(publicResponse({ id: 'r', x_gantry_native_upstream: 'openai' })).toEqual({ id: 'r' });
  });
});
