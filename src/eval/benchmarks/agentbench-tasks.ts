// AgentBench task files, per task kind. OS interaction (description, evaluation: match | check): the
// answer from "Act: answer(...)" compared exactly (stripped) or by regex; check scripts run in the
// task's container, so they are unscored here. DBBench (description, table, type, label | answer_md5):
// SELECT answers compared by DBBench's result processor; INSERT/UPDATE/DELETE compare a MySQL table hash
// and are unscored here.
import { pythonStrip } from '../scorers/python-text.js';
import type { Score } from '../types.js';
import { type BenchmarkTask, unscored } from './benchmark-task.js';
import { compareDbAnswers } from './dbbench-compare.js';
import { requireString, type TaskRecord, taskFileError } from './read-task-file.js';

const osInstruction =
  'When you have the answer, end with a line "Act: answer(YOUR ANSWER)"; when the task asked for an action and it is done, end with "Act: finish".';
const dbInstruction =
  'Answer from the table(s). Give only the answer: one value, or a Python list of values such as ["a", "b"].';

interface DbTable {
  table_name: string;
  table_info: { columns: { name: string }[]; rows: unknown[][] };
}

function tablesText(tables: DbTable[]): string {
  return tables
    .map((t) => {
      const header = t.table_info.columns.map((c) => c.name).join(' | ');
      const rows = t.table_info.rows.map((r) => r.map((v) => String(v)).join(' | '));
      return `Table ${t.table_name}:\n${header}\n${rows.join('\n')}`;
    })
    .join('\n\n');
}

function osTask(record: TaskRecord, file: string, index: number): BenchmarkTask {
  const description = requireString(record, file, 'description', 'AgentBench OS');
  const evaluation = record.data.evaluation as Record<string, unknown> | undefined;
  const fail = (problem: string) =>
    taskFileError(
      file,
      record.location,
      problem,
      'An OS task\'s evaluation is { match: "answer" }, { match: { answer | regex, strip } } or { check: [...] }.',
    );
  if (!evaluation || typeof evaluation !== 'object')
    throw fail("the AgentBench OS task has no 'evaluation' object.");
  let match: { answer?: string; regex?: string; strip: boolean } | undefined;
  if ('match' in evaluation) {
    const m = evaluation.match;
    if (typeof m === 'string') match = { answer: m, strip: true };
    else if (
      m &&
      typeof m === 'object' &&
      (typeof (m as { answer?: unknown }).answer === 'string' ||
        typeof (m as { regex?: unknown }).regex === 'string')
    )
      match = {
        ...(m as { answer?: string; regex?: string }),
        strip: Boolean((m as { strip?: unknown }).strip),
      };
    else throw fail(`'evaluation.match' is ${JSON.stringify(m)}.`);
  } else if (!('check' in evaluation)) throw fail("'evaluation' has neither 'match' nor 'check'.");
  return {
    format: 'agentbench',
    id: `os-${index + 1}`,
    prompt: `${description}\n\n${osInstruction}`,
    location: record.location,
    reference: { kind: 'os', match, check: match ? undefined : true },
  };
}

function dbTask(record: TaskRecord, file: string, index: number): BenchmarkTask {
  const description = requireString(record, file, 'description', 'AgentBench DBBench');
  const fail = (problem: string, hint: string) => taskFileError(file, record.location, problem, hint);
  const type = record.data.type;
  const kind = Array.isArray(type) ? type[0] : type;
  if (typeof kind !== 'string')
    throw fail("'type' is missing.", 'DBBench tasks have "type": ["SELECT"] (or INSERT, UPDATE, DELETE...).');
  const tables = (Array.isArray(record.data.table) ? record.data.table : [record.data.table]) as DbTable[];
  const tablesOk = tables.every(
    (t) =>
      t &&
      typeof t.table_name === 'string' &&
      Array.isArray(t.table_info?.columns) &&
      Array.isArray(t.table_info?.rows),
  );
  if (!tablesOk)
    throw fail(
      "'table' is not { table_name, table_info: { columns: [{ name }], rows: [[...]] } } (or a list of them).",
      'Copy the table block from the DBBench data file.',
    );
  const mutation = ['INSERT', 'UPDATE', 'DELETE'].includes(kind);
  if (!mutation && !('label' in record.data))
    throw fail(
      `the ${kind} task has no 'label'.`,
      'SELECT-type DBBench tasks carry their answer in "label" (a list).',
    );
  const evidence =
    typeof record.data.evidence === 'string' && record.data.evidence
      ? `Evidence about the question: ${record.data.evidence}\n`
      : '';
  const extra =
    typeof record.data.add_description === 'string' && record.data.add_description
      ? `Additional table information about the question: ${record.data.add_description}\n`
      : '';
  return {
    format: 'agentbench',
    id: `db-${index + 1}`,
    prompt: `${evidence}${extra}Question: ${description}\n\n${tablesText(tables)}\n\n${dbInstruction}`,
    location: record.location,
    reference: { kind: 'dbbench', type: kind, label: record.data.label, mutation },
  };
}

export function agentBenchTasks(records: readonly TaskRecord[], file: string): BenchmarkTask[] {
  return records.map((record, index) => {
    if ('table' in record.data) return dbTask(record, file, index);
    if ('evaluation' in record.data) return osTask(record, file, index);
    throw taskFileError(
      file,
      record.location,
      "the AgentBench task is neither an OS task ('evaluation') nor a DBBench task ('table').",
      'Give OS interaction tasks { description, evaluation } or DBBench tasks { description, table, type, label }.',
    );
  });
}

/** extract_action: the last "Act:" line that is answer(...) gives the text between its outer parentheses. */
export function extractAgentBenchAnswer(output: string): string | undefined {
  const actions = [...output.matchAll(/Act:\s*(.+)/g)].map((m) => m[1]);
  for (const action of actions.reverse()) {
    const lower = action.toLowerCase();
    if (lower.startsWith('bash') || lower.startsWith('finish')) return undefined;
    if (lower.startsWith('answer')) {
      const content = action.slice(6).trim();
      const left = content.indexOf('(');
      const right = content.lastIndexOf(')');
      if (left === -1 || right === -1) continue;
      return content.slice(left + 1, right);
    }
  }
  return undefined;
}

export function scoreAgentBench(reference: Record<string, unknown>, output: string): Score {
  if (reference.kind === 'dbbench') {
    if (reference.mutation)
      return unscored(
        `${String(reference.type)} tasks compare a MySQL table hash after the agent's statements`,
      );
    const pass = compareDbAnswers(output, reference.label);
    return { score: pass ? 1 : 0, pass, details: { answer: output, label: reference.label } };
  }
  if (reference.check) return unscored("check scripts run in the task's container");
  const match = reference.match as { answer?: string; regex?: string; strip: boolean };
  const extracted = extractAgentBenchAnswer(output) ?? (/Act:/.test(output) ? undefined : output);
  if (extracted === undefined)
    return { score: 0, pass: false, reason: 'no "Act: answer(...)" in the output' };
  const answer = match.strip ? pythonStrip(extracted) : extracted;
  const pass =
    match.answer !== undefined ? answer === match.answer : new RegExp(match.regex ?? '').test(answer);
  return { score: pass ? 1 : 0, pass, details: { answer } };
}
