// Readers for the public labelled sets in ../shared/datasets/guard, each with a fixed split so that
// evaluation only ever sees examples the classifiers were not trained on.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GantryError } from '../../errors/index.js';
import { parseCsv } from './parse-csv.js';

export type Split = 'train' | 'test';

export interface LabelledText {
  text: string;
  /** 1 = positive (injection/jailbreak, toxic), 0 = negative. */
  label: 0 | 1;
  source: string;
  split: Split;
}

export interface PiiRecord {
  text: string;
  spans: { type: string; start: number; end: number }[];
  templateId: number;
  split: Split;
}

/** A stable 1-in-5 held-out split keyed by a group (template, goal, id): no group crosses the split. */
export function splitOf(group: string | number): Split {
  const digest = createHash('sha256').update(String(group)).digest();
  return digest[0] % 5 === 0 ? 'test' : 'train';
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new GantryError('GUARD_DATASET_MISSING', `Cannot read the dataset file ${path}.`, {
      hint: 'Point GANTRY_GUARD_DATASETS at a complete copy of the guard datasets.',
      details: { path },
      cause: error,
    });
  }
}

function jsonl(path: string): Record<string, unknown>[] {
  return read(path)
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** deepset/prompt-injections keeps its own train/test files. */
export function loadDeepset(root: string): LabelledText[] {
  return (['train', 'test'] as const).flatMap((split) =>
    jsonl(join(root, 'deepset-prompt-injections', `${split}.jsonl`)).map((row) => ({
      text: String(row.text),
      label: (row.label === 1 ? 1 : 0) as 0 | 1,
      source: 'deepset',
      split,
    })),
  );
}

/** JailbreakBench attack prompts (PAIR, GCG, JBC); split by behaviour so a goal never crosses sides. */
export function loadJailbreakBench(root: string): LabelledText[] {
  const base = join(root, 'jailbreakbench-artifacts');
  const rows: LabelledText[] = [];
  for (const method of ['PAIR', 'GCG', 'JBC']) {
    for (const kind of readdirSync(join(base, method), { withFileTypes: true })) {
      if (!kind.isDirectory()) continue;
      for (const file of readdirSync(join(base, method, kind.name))) {
        const data = JSON.parse(read(join(base, method, kind.name, file))) as {
          jailbreaks: { index: number; prompt: string | null }[];
        };
        for (const item of data.jailbreaks) {
          if (item.prompt) {
            rows.push({
              text: item.prompt,
              label: 1,
              source: `jailbreakbench-${method}`,
              split: splitOf(`jbb:${item.index}`),
            });
          }
        }
      }
    }
  }
  return rows;
}

/** Ordinary requests (MT-Bench, Vicuna, Self-Instruct, IFEval): negatives for the false-positive rate. */
export function loadBenignPrompts(root: string): LabelledText[] {
  return jsonl(join(root, 'benign-prompts', 'benign_prompts.jsonl')).map((row) => ({
    text: String(row.text),
    label: 0,
    source: `benign-${row.source}`,
    split: splitOf(`benign:${row.text}`),
  }));
}

/** Davidson et al.: hate (0) and offensive (1) count as toxic, neither (2) as not. */
export function loadDavidson(root: string): LabelledText[] {
  const rows = parseCsv(read(join(root, 'davidson-hate-offensive', 'labeled_data.csv')));
  const header = rows[0];
  const classColumn = header.indexOf('class');
  const tweetColumn = header.indexOf('tweet');
  return rows
    .slice(1)
    .filter((row) => row.length > tweetColumn)
    .map((row) => ({
      text: row[tweetColumn],
      label: (row[classColumn] === '2' ? 0 : 1) as 0 | 1,
      source:
        row[classColumn] === '0'
          ? 'davidson-hate'
          : row[classColumn] === '1'
            ? 'davidson-offensive'
            : 'davidson-neither',
      split: splitOf(`davidson:${row[0]}`),
    }));
}

/** Presidio's synthetic PII set, split by template so that no sentence pattern is seen on both sides. */
export function loadPresidioSynth(root: string): PiiRecord[] {
  const data = JSON.parse(read(join(root, 'presidio-synth-pii', 'synth_dataset_v2.json'))) as {
    full_text: string;
    template_id: number;
    spans: { entity_type: string; start_position: number; end_position: number }[];
  }[];
  return data.map((record) => ({
    text: record.full_text,
    spans: record.spans.map((span) => ({
      type: span.entity_type,
      start: span.start_position,
      end: span.end_position,
    })),
    templateId: record.template_id,
    split: splitOf(`template:${record.template_id}`),
  }));
}
