// The benign text the character model learns "natural" from: the shared data's prose and questions that
// are no part of the guard task rows (so no prompt the guard is evaluated on is in it, and no attack is):
// the four IR collections (titles and abstracts: CACM, CISI, Cranfield, MED), the GSM8K test questions
// with their reference solutions and the recorded model answers (markdown, arithmetic, prose). Not the
// QQP questions: Quora released them for non-commercial use, and this model ships in the package.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../datasets/parse-csv.js';

/** The SMART-format collections: text lines of `.T`/`.W` fields. */
const irFiles = ['ir/cacm/cacm.all', 'ir/cisi/CISI.ALL', 'ir/cranfield/cran.all.1400', 'ir/med/MED.ALL'];

function smartTexts(path: string): string[] {
  const texts: string[] = [];
  let field = '';
  let lines: string[] = [];
  const flush = () => {
    if ((field === '.T' || field === '.W') && lines.length)
      texts.push(lines.join(' ').replace(/\s+/g, ' ').trim());
    lines = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (/^\.[A-Z]\b/.test(line)) {
      flush();
      field = line.slice(0, 2);
    } else lines.push(line);
  }
  flush();
  return texts;
}

function jsonLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Benign training text for the character model from `datasets` (the shared datasets folder, parent of
 * `guard/`). Missing files are skipped; the order is fixed, so the model is reproducible byte for byte.
 */
export function benignCorpus(datasets: string): string[] {
  const texts: string[] = [];
  for (const file of irFiles) {
    const path = join(datasets, file);
    if (existsSync(path)) texts.push(...smartTexts(path));
  }
  const gsm8k = join(datasets, 'routing', 'gsm8k', 'test.jsonl');
  if (existsSync(gsm8k))
    for (const row of jsonLines(gsm8k))
      texts.push(String(row.question), String(row.answer).replace(/<<[^>]*>>/g, ''));
  const responses = join(datasets, 'routing', 'gsm8k', 'gsm8k_responses.csv');
  if (existsSync(responses)) {
    const table = parseCsv(readFileSync(responses, 'utf8'));
    const answerColumns = table[0].flatMap((name, i) => (name.endsWith('_response') ? [i] : []));
    for (const row of table.slice(1)) for (const i of answerColumns) if (row[i]) texts.push(row[i]);
  }
  return texts;
}
