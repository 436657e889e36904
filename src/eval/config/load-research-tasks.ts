import { readFileSync } from 'node:fs';
import { GantryError } from '../../errors/index.js';
import type { ResearchTask } from '../environments/research/research-environment.js';
import { parseDataset } from './load-dataset.js';

/** Research tasks from a file: rows of { id, question, requiredSources, referenceAnswer? }. */
export function loadResearchTasks(path: string): ResearchTask[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new GantryError('FILE_NOT_FOUND', `Research tasks file ${path} cannot be read.`, {
      hint: 'Check target.tasks in the eval file.',
      cause: error,
    });
  }
  return parseDataset(text, path).map((row, i) => {
    const sources = row.requiredSources;
    if (typeof row.question !== 'string' || !Array.isArray(sources)) {
      throw new GantryError(
        'EVAL_DATASET_INVALID',
        `Row ${i + 1} of ${path} needs 'question' (a string) and 'requiredSources' (a list of document ids).`,
        {
          hint: 'Each row: { id, question, requiredSources: ["12"], referenceAnswer? }.',
        },
      );
    }
    return {
      id: String(row.id ?? i + 1),
      question: row.question,
      requiredSources: sources.map(String),
      ...(typeof row.referenceAnswer === 'string' ? { referenceAnswer: row.referenceAnswer } : {}),
    };
  });
}
