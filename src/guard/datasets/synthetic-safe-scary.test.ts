import { describe, expect, it } from 'vitest';
import { taskRowsFor } from '../training/train-task-classifier.js';
import { groupRows } from './group-rows.js';
import { syntheticSafeScary } from './synthetic-safe-scary.js';

describe('synthetic safe-but-scary prompts', () => {
  const rows = groupRows(syntheticSafeScary());

  it('are benign-sensitive rows of their own source, one group per family or template', () => {
    expect(rows.length).toBeGreaterThan(100);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['benign-sensitive']));
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['synthetic-safe-scary']));
    // Each family stays on one side of the split.
    const splitOf = new Map<string, string>();
    for (const row of rows) {
      expect(splitOf.get(row.group) ?? row.split).toBe(row.split);
      splitOf.set(row.group, row.split);
    }
    expect(splitOf.size).toBeGreaterThan(20);
  });

  it('are negatives of the harmful-request task only', () => {
    expect(taskRowsFor('harmful', rows).every((r) => r.label === 0)).toBe(true);
    expect(taskRowsFor('harmful', rows)).toHaveLength(rows.length);
    expect(taskRowsFor('jailbreak', rows)).toHaveLength(0);
    expect(taskRowsFor('injection', rows)).toHaveLength(0);
  });
});
