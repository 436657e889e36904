import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { taskRowsFor } from '../training/train-task-classifier.js';
import { groupRows } from './group-rows.js';
import { loadRedInstructRows } from './load-red-instruct.js';
import { loadTaskRows } from './load-task-rows.js';
import { datasetsIfPresent } from './locate-datasets.js';

const datasets = datasetsIfPresent();
const extra = process.env.GANTRY_GUARD_EXTRA;

// Files in the red-instruct layout, with questions written for this test.
function folder(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'red-instruct-'));
  const base = join(root, 'red-instruct', 'harmful_questions');
  mkdirSync(base, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(join(base, name), JSON.stringify(data));
  return root;
}

describe('loadRedInstructRows', () => {
  it('reads each file as its own harmful source, grouped by subcategory (CatQA) or topic (HarmfulQA)', () => {
    const root = folder({
      'catqa_english.json': {
        'Malware Viruses': { Trojans: ['Question one about trojans?', 'Question two about trojans?'] },
        'Adult Content': { 'Erotic text': ['Question about erotic text?'] },
      },
      'dangerousqa.json': ['A dangerous question?'],
      'harmfulqa.json': { Mathematics: { Algebra: ['Algebra question?'], Geometry: ['Geometry question?'] } },
    });
    const rows = loadRedInstructRows(root);
    expect(rows.map((row) => [row.source, row.group, row.category])).toEqual([
      ['catqa', 'catqa:Malware Viruses/Trojans', 'S14'],
      ['catqa', 'catqa:Malware Viruses/Trojans', 'S14'],
      ['catqa', 'catqa:Adult Content/Erotic text', 'S12'],
      ['dangerousqa', undefined, undefined],
      ['harmfulqa', 'harmfulqa:Mathematics', undefined],
      ['harmfulqa', 'harmfulqa:Mathematics', undefined],
    ]);
    // Evaluation only, and for the harmful task alone.
    expect(
      rows.every((row) => row.kind === 'harmful' && row.evaluationOnly && row.tasks?.join() === 'harmful'),
    ).toBe(true);
    const grouped = groupRows(rows);
    expect(grouped[0].group).toBe(grouped[1].group);
    expect(grouped[4].group).toBe(grouped[5].group);
    expect(grouped[0].group).not.toBe(grouped[2].group);
  });

  it('skips missing files and names a malformed one', () => {
    expect(loadRedInstructRows(folder({}))).toEqual([]);
    expect(() => loadRedInstructRows(folder({ 'dangerousqa.json': { not: 'a list' } }))).toThrow(
      /dangerousqa\.json is not a list/,
    );
    expect(() => loadRedInstructRows(folder({ 'catqa_english.json': ['flat'] }))).toThrow(
      /catqa_english\.json/,
    );
  });
});

describe.skipIf(!datasets || !extra)('red-instruct rows among the task rows', () => {
  it('repeat no other source and are never training rows', () => {
    const rows = groupRows(loadTaskRows(datasets!, extra));
    const red = new Set(['catqa', 'dangerousqa', 'harmfulqa']);
    expect(rows.filter((row) => red.has(row.source)).length).toBeGreaterThan(2000);
    expect(taskRowsFor('harmful', rows).some((row) => red.has(row.source))).toBe(false);
    expect(new Set(taskRowsFor('harmful', rows, true).map((row) => row.source))).toEqual(
      new Set(['jbb-goals', ...red]),
    );
    for (const task of ['injection', 'jailbreak'] as const)
      expect(taskRowsFor(task, rows, true).some((row) => red.has(row.source))).toBe(false);
    // No group spans a red-instruct source and another one.
    const sources = new Map<string, Set<string>>();
    for (const row of rows) sources.set(row.group, (sources.get(row.group) ?? new Set()).add(row.source));
    for (const set of sources.values())
      if ([...set].some((source) => red.has(source))) expect(set.size, [...set].join(', ')).toBe(1);
  }, 120_000);
});
