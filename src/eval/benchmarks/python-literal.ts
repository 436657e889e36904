// Python's ast.literal_eval for the values benchmark answers are written in: lists, tuples, strings,
// numbers, None, True, False. AgentBench's DBBench scorer eval()s answers like "[('a',), (3.5,)]".

/** The source text of a number is kept (as `raw`) so that str() of it reads as Python would print it. */
export class PythonNumber {
  constructor(readonly raw: string) {}
}

type Parsed = string | PythonNumber | boolean | null | Parsed[] | { tuple: Parsed[] };

export function parsePythonLiteral(text: string): Parsed {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError(`not a Python literal at character ${i + 1}`);
  };
  const space = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const value = (): Parsed => {
    space();
    const c = text[i];
    if (c === '[' || c === '(') {
      const close = c === '[' ? ']' : ')';
      i++;
      const items: Parsed[] = [];
      let trailingComma = false;
      space();
      while (text[i] !== close) {
        items.push(value());
        space();
        trailingComma = false;
        if (text[i] === ',') {
          i++;
          trailingComma = true;
          space();
        } else if (text[i] !== close) fail();
      }
      i++;
      if (c === '[') return items;
      // (x) is x; (x,) and (x, y) are tuples.
      return items.length === 1 && !trailingComma ? items[0] : { tuple: items };
    }
    if (c === "'" || c === '"') {
      i++;
      let out = '';
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\') {
          const next = text[i + 1];
          out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
        } else out += text[i++];
      }
      if (i >= text.length) fail();
      i++;
      return out;
    }
    const word = /^(None|True|False|[+-]?(\d[\d_]*\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!word) return fail();
    i += word[0].length;
    if (word[0] === 'None') return null;
    if (word[0] === 'True' || word[0] === 'False') return word[0] === 'True';
    return new PythonNumber(word[0]);
  };
  const result = value();
  space();
  if (i !== text.length) fail();
  return result;
}

export const isTuple = (value: unknown): value is { tuple: Parsed[] } =>
  typeof value === 'object' && value !== null && 'tuple' in value;

/** Python's repr() of a float: the shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, e] = x.toExponential().split('e');
  const exponent = Number(e);
  if (exponent < -4 || exponent >= 16)
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  const plain = String(x);
  return plain.includes('.') ? plain : `${plain}.0`;
}

function pythonNumberStr(raw: string): string {
  const digits = raw.replaceAll('_', '');
  if (/^[+-]?\d+$/.test(digits)) return BigInt(digits).toString();
  return pythonFloatRepr(Number(digits));
}

/** Python's str() of a parsed value (repr() inside containers). */
export function pythonStr(value: Parsed, nested = false): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value instanceof PythonNumber) return pythonNumberStr(value.raw);
  if (typeof value === 'string') return nested ? `'${value}'` : value;
  if (Array.isArray(value)) return `[${value.map((v) => pythonStr(v, true)).join(', ')}]`;
  const items = value.tuple.map((v) => pythonStr(v, true));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}
