import { describe, expect, it } from 'vitest';
import { affinityKey, prefixAffinityOrder } from './prefix-affinity.js';
import type { RouteTarget } from './route-target.js';

const replica = (id: string) => ({ id }) as RouteTarget;
const prefixes = Array.from({ length: 2_000 }, (_, i) => `system prompt of tenant ${i}\nuser: question`);
const owner = (targets: RouteTarget[], key: string) => prefixAffinityOrder(targets, key)[0].id;

describe('prefix affinity', () => {
  it('sends one prefix to one replica, and spreads prefixes over replicas', () => {
    const targets = ['a', 'b', 'c', 'd'].map(replica);
    expect(owner(targets, prefixes[0])).toBe(owner([...targets].reverse(), prefixes[0]));
    const counts = new Map<string, number>();
    for (const key of prefixes) counts.set(owner(targets, key), (counts.get(owner(targets, key)) ?? 0) + 1);
    for (const count of counts.values()) expect(count).toBeGreaterThan(400);
  });

  it('moves only the prefixes of a removed replica, and only to a new one when one is added', () => {
    const four = ['a', 'b', 'c', 'd'].map(replica);
    const three = four.filter((t) => t.id !== 'c');
    const five = [...four, replica('e')];
    let movedOnRemove = 0;
    let movedOnAdd = 0;
    for (const key of prefixes) {
      const before = owner(four, key);
      if (owner(three, key) !== before) {
        movedOnRemove++;
        expect(before).toBe('c');
      }
      if (owner(five, key) !== before) {
        movedOnAdd++;
        expect(owner(five, key)).toBe('e');
      }
    }
    // About 1/4 held by c, about 1/5 won by e.
    expect(movedOnRemove).toBeGreaterThan(300);
    expect(movedOnRemove).toBeLessThan(700);
    expect(movedOnAdd).toBeGreaterThan(250);
    expect(movedOnAdd).toBeLessThan(550);
  });

  it('keys on the start of the prompt, so that the last turn does not change the replica', () => {
    const system = { role: 'system', content: 'x'.repeat(3_000) };
    const first = affinityKey({ messages: [system, { role: 'user', content: 'one' }] }, 2_048);
    const second = affinityKey({ messages: [system, { role: 'user', content: 'two' }] }, 2_048);
    expect(first).toBe(second);
    expect(first).toHaveLength(2_048);
  });
});
