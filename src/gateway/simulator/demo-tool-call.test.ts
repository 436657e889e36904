import { describe, expect, it } from 'vitest';
import { demoReply } from './demo-reply.js';
import { demoToolCall } from './demo-tool-call.js';

const calculator = {
  type: 'function',
  function: {
    name: 'calculator',
    parameters: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] },
  },
};

describe('the demo simulator calling tools', () => {
  it('fills an expression from the user message, once', () => {
    const messages = [{ role: 'user', content: 'What is 17 * 23?' }];
    expect(demoToolCall({ tools: [calculator], messages })).toEqual({
      name: 'calculator',
      arguments: '{"expression":"17 * 23"}',
    });
    const answered = [...messages, { role: 'tool', content: '{"value":391}' }];
    expect(demoToolCall({ tools: [calculator], messages: answered })).toBeUndefined();
    expect(demoReply({ messages: answered })).toBe('(simulated) The tool returned {"value":391}');
  });

  it('calls nothing it cannot fill, and nothing without tools', () => {
    expect(
      demoToolCall({ tools: [calculator], messages: [{ role: 'user', content: 'Say hi' }] }),
    ).toBeUndefined();
    const counter = {
      type: 'function',
      function: { name: 'count', parameters: { properties: { n: { type: 'number' } }, required: ['n'] } },
    };
    expect(
      demoToolCall({ tools: [counter], messages: [{ role: 'user', content: '2 + 2' }] }),
    ).toBeUndefined();
    expect(demoToolCall({ messages: [{ role: 'user', content: '2 + 2' }] })).toBeUndefined();
  });
});
