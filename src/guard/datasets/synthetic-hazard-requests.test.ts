import { describe, expect, it } from 'vitest';
import { taskRowsFor } from '../training/train-task-classifier.js';
import { groupRows } from './group-rows.js';
import { hazardGoals } from './hazard-goals.js';
import { hazardQuestions } from './hazard-questions.js';
import { duplicateKey } from './load-task-rows.js';
import { syntheticHazardRequests } from './synthetic-hazard-requests.js';

const codes = Array.from({ length: 14 }, (_, i) => `S${i + 1}`);

describe('synthetic hazard requests', () => {
  const rows = syntheticHazardRequests();

  it('cover every Llama Guard 3 / MLCommons category with harmful goals and benign twins', () => {
    expect(Object.keys(hazardGoals).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(hazardGoals[code].harmful.length).toBeGreaterThanOrEqual(5);
      expect(hazardGoals[code].benign.length).toBeGreaterThanOrEqual(4);
    }
    const harmfulCategories = new Set(rows.filter((r) => r.kind === 'harmful').map((r) => r.category));
    expect([...harmfulCategories].sort()).toEqual([...codes].sort());
    expect(rows.filter((r) => r.kind === 'harmful').every((r) => codes.includes(r.category ?? ''))).toBe(
      true,
    );
  });

  it('ask each goal in three shapes, one group per goal or question, and carry no duplicate text', () => {
    const goals = Object.values(hazardGoals).reduce((n, g) => n + g.harmful.length + g.benign.length, 0);
    expect(rows).toHaveLength(goals * 3 + hazardQuestions.length * 2);
    const keys = rows.map((r) => duplicateKey(r.text));
    expect(new Set(keys).size).toBe(keys.length);
    const perGroup = new Map<string, number>();
    for (const row of rows) perGroup.set(row.group ?? '', (perGroup.get(row.group ?? '') ?? 0) + 1);
    expect(Math.max(...perGroup.values())).toBe(3);
    expect(rows.filter((r) => r.kind === 'benign-sensitive').length).toBeGreaterThan(250);
  });

  it('are rows of the harmful task only (the injection and jailbreak models keep their data)', () => {
    const grouped = groupRows(rows);
    expect(taskRowsFor('injection', grouped)).toHaveLength(0);
    expect(taskRowsFor('jailbreak', grouped)).toHaveLength(0);
    const harmful = taskRowsFor('harmful', grouped);
    expect(harmful).toHaveLength(rows.length);
    expect(new Set(harmful.map((r) => r.source))).toEqual(new Set(['synthetic-harmful']));
    // A goal's shapes stay on one side of the split.
    const splitOf = new Map<string, string>();
    for (const row of grouped) {
      expect(splitOf.get(row.group) ?? row.split).toBe(row.split);
      splitOf.set(row.group, row.split);
    }
  });
});
