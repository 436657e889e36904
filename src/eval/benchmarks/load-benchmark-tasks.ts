// Reads a GAIA, WebArena or AgentBench task file into tasks; the format is given or recognised from the
// first task's fields.
import { GantryError } from '../../errors/index.js';
import { agentBenchTasks } from './agentbench-tasks.js';
import { type BenchmarkFormat, type BenchmarkTask, benchmarkFormats } from './benchmark-task.js';
import { gaiaTasks } from './gaia-tasks.js';
import { parseTaskRecords, readTaskRecords, type TaskRecord } from './read-task-file.js';
import { webArenaTasks } from './webarena-tasks.js';

export function detectBenchmarkFormat(records: readonly TaskRecord[], file: string): BenchmarkFormat {
  const first = records[0]?.data ?? {};
  if ('Question' in first) return 'gaia';
  if ('intent' in first && 'eval' in first) return 'webarena';
  if ('description' in first && ('evaluation' in first || 'table' in first)) return 'agentbench';
  throw new GantryError(
    'EVAL_TASK_FORMAT_UNKNOWN',
    `The format of ${file} cannot be recognised from its first task.`,
    {
      hint: "Pass --format gaia|webarena|agentbench (GAIA tasks have 'Question', WebArena 'intent' and 'eval', AgentBench 'description' with 'evaluation' or 'table').",
      details: { file, fields: Object.keys(first) },
    },
  );
}

export function checkBenchmarkFormat(format: string): BenchmarkFormat {
  if ((benchmarkFormats as readonly string[]).includes(format)) return format as BenchmarkFormat;
  throw new GantryError('EVAL_TASK_FORMAT_UNKNOWN', `Unknown task format '${format}'.`, {
    hint: `Use one of: ${benchmarkFormats.join(', ')}.`,
  });
}

export function benchmarkTasksFrom(
  records: readonly TaskRecord[],
  file: string,
  format?: string,
): BenchmarkTask[] {
  const chosen = format ? checkBenchmarkFormat(format) : detectBenchmarkFormat(records, file);
  const tasks =
    chosen === 'gaia'
      ? gaiaTasks(records, file)
      : chosen === 'webarena'
        ? webArenaTasks(records, file)
        : agentBenchTasks(records, file);
  const seen = new Map<string, string>();
  for (const task of tasks) {
    const earlier = seen.get(task.id);
    if (earlier) {
      throw new GantryError(
        'EVAL_TASK_FILE_INVALID',
        `${file}, ${task.location}: task id '${task.id}' repeats ${earlier}.`,
        {
          hint: 'Give every task its own id.',
          details: { file, location: task.location },
        },
      );
    }
    seen.set(task.id, task.location);
  }
  return tasks;
}

/** Tasks of a task file (JSON array or JSONL). */
export function loadBenchmarkTasks(file: string, { format }: { format?: string } = {}): BenchmarkTask[] {
  return benchmarkTasksFrom(readTaskRecords(file), file, format);
}

export const parseBenchmarkTasks = (text: string, file: string, format?: string) =>
  benchmarkTasksFrom(parseTaskRecords(text, file), file, format);
