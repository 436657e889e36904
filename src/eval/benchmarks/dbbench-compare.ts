// AgentBench DBBench's answer comparison (result_processor.py `compare_results`): answers and labels
// become lists of normalised strings (MySQL result text, Python list text, or a single value); one value
// each compares as floats within 0.01 or as strings; several values compare as a float multiset within
// 0.01 when all are numbers, else as sets.
import { parsePythonFloat } from '../scorers/gaia-quasi-exact-match.js';
import { pythonStrip } from '../scorers/python-text.js';
import { isTuple, parsePythonLiteral, pythonStr } from './python-literal.js';

type Parsed = ReturnType<typeof parsePythonLiteral>;

/** Python's str.strip(chars). */
export function stripChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start])) start++;
  while (end > start && chars.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

const special = new Set(['none', 'null', 'undefined', 'nan', 'inf', 'infinity', '-inf', '-infinity', '']);

export function normaliseDbValue(value: string | null): string {
  if (value === null) return '0';
  let text = pythonStrip(value);
  if (text.endsWith('%')) return pythonStrip(text.slice(0, -1));
  if (text.includes(',') && !text.startsWith('[') && !text.endsWith(']')) text = text.replaceAll(',', '');
  return special.has(text.toLowerCase()) ? '0' : text;
}

const quoteStrip = (text: string) => stripChars(pythonStrip(text), `'"`);

function tryParse(text: string): Parsed | undefined {
  try {
    return parsePythonLiteral(text);
  } catch {
    return undefined;
  }
}

/** `_clean_mysql_result`: "[(v,), (w,)]" → ['v', 'w'] (tuples of other sizes are dropped, as there). */
function cleanMysqlResult(result: string): string[] | undefined {
  if (!(result.startsWith('[') && result.endsWith(']'))) return undefined;
  const parsed = tryParse(result);
  if (Array.isArray(parsed) && parsed.every(isTuple)) {
    return parsed.flatMap((item) => (item.tuple.length === 1 ? [quoteStrip(pythonStr(item.tuple[0]))] : []));
  }
  const inner = stripChars(result, '[]');
  if ((inner.match(/\(/g) ?? []).length === 1 && inner.startsWith('(') && inner.endsWith(',)'))
    return [quoteStrip(inner.slice(1, -2))];
  return undefined;
}

const itemString = (item: Parsed) =>
  isTuple(item) && item.tuple.length === 1
    ? quoteStrip(pythonStr(item.tuple[0]))
    : quoteStrip(pythonStr(item));

/** `_clean_answer`: any answer or label to a list of normalised strings. */
export function cleanDbAnswer(answer: unknown): string[] {
  if (answer === null || answer === undefined) return ['0'];
  if (typeof answer === 'string') {
    const mysql = cleanMysqlResult(answer);
    if (mysql) return mysql.map(normaliseDbValue);
    const text = pythonStrip(answer);
    if (text.startsWith('[') && text.endsWith(']')) {
      const parsed = tryParse(text);
      if (Array.isArray(parsed)) return parsed.map((item) => normaliseDbValue(itemString(item)));
      // Not a literal: split on commas outside quotes, as the reference does by hand.
      const items: string[] = [];
      let current = '';
      let inQuotes = false;
      for (const char of text.slice(1, -1)) {
        if (char === '"' || char === "'") inQuotes = !inQuotes;
        else if (char === ',' && !inQuotes) {
          if (current) items.push(normaliseDbValue(quoteStrip(current)));
          current = '';
        } else current += char;
      }
      if (current) items.push(normaliseDbValue(quoteStrip(current)));
      return items;
    }
    return [normaliseDbValue(quoteStrip(text))];
  }
  if (Array.isArray(answer)) return answer.map((item) => normaliseDbValue(quoteStrip(jsonItemString(item))));
  return [normaliseDbValue(quoteStrip(jsonItemString(answer)))];
}

/** str() of a JSON value as Python prints it after json.load (lists as lists: JSON has no tuples). */
function jsonItemString(value: unknown, nested = false): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return nested ? `'${value}'` : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => jsonItemString(v, true)).join(', ')}]`;
  return JSON.stringify(value);
}

const isFloat = (text: string) => parsePythonFloat(text) !== undefined;
const floatEqual = (a: string, b: string) => Math.abs(parsePythonFloat(a)! - parsePythonFloat(b)!) <= 1e-2;

export function compareDbAnswers(answer: unknown, label: unknown): boolean {
  const a = cleanDbAnswer(answer);
  const g = cleanDbAnswer(label);
  if (a.length === 1 && g.length === 1) {
    if (a[0] === '0' && g[0] === '0') return true;
    if (isFloat(a[0]) && isFloat(g[0])) return floatEqual(a[0], g[0]);
    return a[0] === g[0];
  }
  if (a.every(isFloat) && g.every(isFloat)) {
    if (a.length !== g.length) return false;
    const used = new Array<boolean>(g.length).fill(false);
    for (const value of a) {
      const index = g.findIndex((truth, i) => !used[i] && floatEqual(value, truth));
      if (index < 0) return false;
      used[index] = true;
    }
    return true;
  }
  const setA = new Set(a);
  const setG = new Set(g);
  return setA.size === setG.size && [...setA].every((v) => setG.has(v));
}
