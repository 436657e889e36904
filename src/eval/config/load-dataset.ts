// Datasets from JSONL, CSV or YAML/JSON files: each row becomes an EvalExample. The input and expected
// columns are named by the eval file (default `input` and `expected`); every column is a template variable.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { GantryError } from '../../errors/index.js';
import type { EvalExample } from '../types.js';
import { parseCsv } from './parse-csv.js';

export interface DatasetColumns {
  input?: string;
  expected?: string;
  id?: string;
}

export function rowsToExamples(
  rows: readonly Record<string, unknown>[],
  source: string,
  columns: DatasetColumns = {},
): EvalExample[] {
  const { input = 'input', expected = 'expected', id = 'id' } = columns;
  return rows.map((row, index) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new GantryError('EVAL_DATASET_INVALID', `Row ${index + 1} of ${source} is not an object.`, {
        hint: 'Each row must be an object of column → value.',
      });
    }
    if (!(input in row)) {
      throw new GantryError(
        'EVAL_DATASET_INVALID',
        `Row ${index + 1} of ${source} has no '${input}' column.`,
        {
          hint: `Add the column, or name the input column in the eval file (dataset.input). Columns: ${Object.keys(row).join(', ')}.`,
          details: { source, row: index + 1 },
        },
      );
    }
    const example: EvalExample = {
      id: String(row[id] ?? `${index + 1}`),
      input: row[input],
      vars: { ...row },
    };
    if (row[expected] !== undefined) example.expected = row[expected];
    return example;
  });
}

export function parseDataset(
  text: string,
  source: string,
  format = extname(source).slice(1).toLowerCase(),
): Record<string, unknown>[] {
  try {
    switch (format) {
      case 'jsonl':
      case 'ndjson':
        return text
          .split('\n')
          .map((line, i) => [line.trim(), i] as const)
          .filter(([line]) => line.length > 0)
          .map(([line, i]) => {
            try {
              return JSON.parse(line);
            } catch (error) {
              throw new GantryError(
                'EVAL_DATASET_INVALID',
                `Line ${i + 1} of ${source} is not valid JSON: ${(error as Error).message}`,
                {
                  hint: 'JSONL needs one JSON object per line.',
                  details: { source, line: i + 1 },
                },
              );
            }
          });
      case 'csv':
        return parseCsv(text);
      case 'yaml':
      case 'yml':
      case 'json': {
        const value = format === 'json' ? JSON.parse(text) : parseYaml(text);
        const rows = Array.isArray(value) ? value : value?.examples;
        if (!Array.isArray(rows))
          throw new Error('expected a list of rows (or an object with an `examples` list)');
        return rows;
      }
      default:
        throw new GantryError(
          'EVAL_DATASET_INVALID',
          `Cannot read dataset ${source}: unknown format '${format}'.`,
          {
            hint: 'Use a .jsonl, .csv, .yaml or .json file.',
          },
        );
    }
  } catch (error) {
    if (error instanceof GantryError || (error as { code?: string }).code === 'EVAL_DATASET_INVALID')
      throw error;
    throw new GantryError(
      'EVAL_DATASET_INVALID',
      `Cannot parse dataset ${source}: ${(error as Error).message}`,
      {
        hint: 'Check the file syntax.',
        cause: error,
      },
    );
  }
}

export function loadDataset(path: string, columns: DatasetColumns = {}): EvalExample[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new GantryError('FILE_NOT_FOUND', `Dataset file ${path} cannot be read.`, {
      hint: 'Check the path (relative paths are resolved against the eval file).',
      cause: error,
    });
  }
  return rowsToExamples(parseDataset(text, path), path, columns);
}
