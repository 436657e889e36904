import { describe, expect, it } from 'vitest';
import { syntheticShortChat } from './synthetic-short-chat.js';

describe('syntheticShortChat', () => {
  it('gives 200 distinct short benign messages in 20 groups, for the injection task only', () => {
    const rows = syntheticShortChat();
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.text.toLowerCase())).size).toBe(200);
    expect(new Set(rows.map((r) => r.group)).size).toBe(20);
    for (const row of rows) {
      expect(row).toMatchObject({ kind: 'benign', source: 'synthetic-short-chat', tasks: ['injection'] });
      expect(row.text.split(/\s+/).length).toBeLessThanOrEqual(8);
    }
  });

  it('leaves out the messages the policy tests read (they measure generalisation)', () => {
    const texts = new Set(syntheticShortChat().map((r) => r.text.toLowerCase()));
    for (const held of ['hello there', 'not json', 'not a thing', 'thx!', 'the second option please'])
      expect(texts.has(held)).toBe(false);
  });
});
