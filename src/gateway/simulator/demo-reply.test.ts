import { describe, expect, it } from 'vitest';
import { demoReply, demoTokens } from './demo-reply.js';

describe('the demo simulator reply', () => {
  it('says it is a simulator and quotes what was sent', () => {
    const text = demoReply({ messages: [{ role: 'user', content: 'Hello!' }] });
    expect(text).toMatch(/^Gantry's demo model is a simulator, not a language model/);
    expect(text).toContain('you sent "Hello!"');
    expect(demoTokens(text).join('')).toBe(text);
  });

  it('quotes the prose of source [1] and cites it, skipping headings and code (as `gantry ask` sends them)', () => {
    const prompt = [
      'Sources:',
      '',
      '[1] (docs/a.md)',
      '# Title',
      'echo code',
      '```',
      'Keys are rotated daily. Old keys expire.',
      '',
      '[2] (docs/b.md)',
      'Other text.',
      '',
      'Question: how?',
    ].join('\n');
    expect(demoReply({ messages: [{ role: 'user', content: prompt }] })).toBe(
      '(simulated) Keys are rotated daily. [1]',
    );
  });
});
