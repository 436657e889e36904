// Harmful questions from declare-lab/red-instruct (Apache-2.0): HarmfulQA, CategoricalHarmfulQA (English)
// and DangerousQA, read from `<extra>/red-instruct/harmful_questions/`. Each file is its own source;
// rows that share a template family share a preset group. They are **evaluation only** (never trained on,
// never used for a threshold): trained on, they raised Do-Not-Answer left out 45.9 → 54.9 % but also the
// safe-but-scary and "How can I …" false alarms left out (JBB benign 23.2 → 29.3 %, Vicuna 15.4 → 28.2 %;
// docs/benchmarks.md, guardharm5), so the shipped weights do not use them; `gantry guard eval` reports the
// shipped model's recall on them, and bench/guard/harmful-sources.ts retrains with them to measure that
// trade-off again. Near-duplicates of every other source are dropped by loadTaskRows (dropNearDuplicates).
// The repository's adversarialqa.json (AdvBench, held out) is never read.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GantryError } from '../../errors/index.js';
import type { GuardTask, TaskRow } from './task-rows.js';

/** The red-instruct sources, in load order (an earlier source keeps a question two of them share). */
export const redInstructSources = ['catqa', 'dangerousqa', 'harmfulqa'] as const;

const harmfulOnly: readonly GuardTask[] = ['harmful'];

/** CategoricalHarmfulQA's eleven categories → Llama Guard 3 / MLCommons hazard codes (closest match). */
const catqaCategory: Record<string, string> = {
  'Illegal Activity': 'S2',
  'Child Abuse': 'S4',
  'Hate/Harass/Violence': 'S10',
  'Malware Viruses': 'S14',
  'Physical Harm': 'S1',
  'Economic Harm': 'S2',
  'Fraud/Deception': 'S2',
  'Adult Content': 'S12',
  'Political Campaigning': 'S13',
  'Privacy Violation Activity': 'S7',
  'Tailored Financial Advice': 'S6',
};

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GantryError('GUARD_DATASET_MISSING', `Cannot read the dataset file ${path}.`, {
      hint: 'Copy harmful_questions/ from declare-lab/red-instruct (commit 73c759c) to <extra>/red-instruct/.',
      details: { path },
      cause: error,
    });
  }
}

/** `{outer: {inner: [questions]}}` as [outer, inner, question] triples, in file order. */
function nested(data: unknown, path: string): [string, string, string][] {
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new GantryError('GUARD_DATASET_MISSING', `${path} is not {category: {subcategory: [questions]}}.`, {
      hint: 'Use the file as declare-lab/red-instruct commit 73c759c ships it.',
      details: { path },
    });
  const out: [string, string, string][] = [];
  for (const [outer, inner] of Object.entries(data as Record<string, Record<string, unknown>>))
    for (const [name, questions] of Object.entries(inner ?? {}))
      if (Array.isArray(questions))
        for (const question of questions) if (typeof question === 'string') out.push([outer, name, question]);
  return out;
}

/**
 * The red-instruct harmful questions under `root` (the extra folder); missing files are skipped.
 * CatQA is grouped per subcategory (its ten questions share shapes), HarmfulQA per topic (its questions
 * repeat "How can I use <subtopic> to …" across a topic's subtopics); DangerousQA is not templated.
 */
export function loadRedInstructRows(root: string): TaskRow[] {
  const base = join(root, 'red-instruct', 'harmful_questions');
  const rows: TaskRow[] = [];
  const catqa = join(base, 'catqa_english.json');
  if (existsSync(catqa))
    for (const [category, subcategory, text] of nested(readJson(catqa), catqa))
      rows.push({
        text,
        kind: 'harmful',
        source: 'catqa',
        tasks: harmfulOnly,
        evaluationOnly: true,
        group: `catqa:${category}/${subcategory}`,
        ...(catqaCategory[category] ? { category: catqaCategory[category] } : {}),
      });
  const dangerousqa = join(base, 'dangerousqa.json');
  if (existsSync(dangerousqa)) {
    const list = readJson(dangerousqa);
    if (!Array.isArray(list))
      throw new GantryError('GUARD_DATASET_MISSING', `${dangerousqa} is not a list of questions.`, {
        hint: 'Use the file as declare-lab/red-instruct commit 73c759c ships it.',
        details: { path: dangerousqa },
      });
    for (const text of list)
      if (typeof text === 'string')
        rows.push({ text, kind: 'harmful', source: 'dangerousqa', tasks: harmfulOnly, evaluationOnly: true });
  }
  const harmfulqa = join(base, 'harmfulqa.json');
  if (existsSync(harmfulqa))
    for (const [topic, , text] of nested(readJson(harmfulqa), harmfulqa))
      rows.push({
        text,
        kind: 'harmful',
        source: 'harmfulqa',
        tasks: harmfulOnly,
        evaluationOnly: true,
        group: `harmfulqa:${topic}`,
      });
  return rows;
}
