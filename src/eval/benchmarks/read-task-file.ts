// Reads a benchmark task file: a JSON array (or one object), or JSONL. Each record keeps where it came
// from ("line 3", "task 2") so that an error can name the task that is wrong.
import { readFileSync } from 'node:fs';
import { GantryError } from '../../errors/index.js';

export interface TaskRecord {
  /** "line 3" (JSONL) or "task 2" (JSON array), 1-based. */
  location: string;
  data: Record<string, unknown>;
}

export function taskFileError(file: string, location: string, problem: string, hint: string): GantryError {
  return new GantryError('EVAL_TASK_FILE_INVALID', `${file}, ${location}: ${problem}`, {
    hint,
    details: { file, location },
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseTaskRecords(text: string, file: string): TaskRecord[] {
  const trimmed = text.trim();
  if (trimmed === '')
    throw taskFileError(file, 'the file', 'it is empty.', 'Give a file with at least one task.');
  const jsonl = file.endsWith('.jsonl') || (!trimmed.startsWith('[') && /}\s*\n\s*{/.test(trimmed));
  if (!jsonl) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw taskFileError(
        file,
        'the file',
        `it is not valid JSON (${(error as Error).message}).`,
        'Write a JSON array of task objects, or one JSON object per line (JSONL, named .jsonl).',
      );
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    return list.map((data, i) => {
      if (!isRecord(data))
        throw taskFileError(file, `task ${i + 1}`, 'it is not a JSON object.', 'Each task is an object.');
      return { location: `task ${i + 1}`, data };
    });
  }
  const records: TaskRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      throw taskFileError(
        file,
        `line ${i + 1}`,
        `it is not valid JSON (${(error as Error).message}).`,
        'Each line of a JSONL file is one complete JSON object.',
      );
    }
    if (!isRecord(data))
      throw taskFileError(file, `line ${i + 1}`, 'it is not a JSON object.', 'Each line is one task object.');
    records.push({ location: `line ${i + 1}`, data });
  }
  return records;
}

export function readTaskRecords(file: string): TaskRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new GantryError('FILE_NOT_FOUND', `Task file ${file} cannot be read.`, {
      hint: 'Check the path.',
      cause: error,
    });
  }
  return parseTaskRecords(text, file);
}

/** A required string field, or an EVAL_TASK_FILE_INVALID error naming the task and the field. */
export function requireString(
  record: TaskRecord,
  file: string,
  field: string,
  format: string,
  allowNumber = false,
): string {
  const value = record.data[field];
  if (typeof value === 'string') return value;
  if (allowNumber && typeof value === 'number') return String(value);
  throw taskFileError(
    file,
    record.location,
    value === undefined
      ? `the ${format} task has no '${field}'.`
      : `'${field}' is ${JSON.stringify(value)}, not a string.`,
    `Every ${format} task needs '${field}' as a string; fix or remove this task.`,
  );
}
