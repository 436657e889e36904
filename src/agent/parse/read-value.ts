// A strict reader for the JSON-like values models write: JSON, plus the few deviations that have one
// reading only (single quotes, Python True/False/None, trailing commas, unquoted keys, // comments).
// Each deviation is reported as a repair. It never invents structure: a value cut off by the end of
// the text is `truncated` (never auto-closed), and anything else it cannot read is a syntax error.

export type ValueRepair =
  | 'single-quotes'
  | 'python-literals'
  | 'trailing-comma'
  | 'unquoted-keys'
  | 'comments';

export interface ReadOptions {
  /** Keys without quotes (`{city: "Paris"}`), as Gemma writes them. */
  unquotedKeys?: boolean;
  /** Python tuples `(1, 2)` read as arrays (pythonic call arguments). */
  tuples?: boolean;
}

export type ReadResult =
  | { ok: true; value: unknown; end: number; repairs: ValueRepair[] }
  | { ok: false; truncated: boolean; at: number; message: string };

class ReadError extends Error {
  constructor(
    readonly truncated: boolean,
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

const pythonLiterals: Record<string, unknown> = { True: true, False: false, None: null };
const jsonLiterals: Record<string, unknown> = { true: true, false: false, null: null };

/** Reads one value starting at `start` (leading whitespace skipped); `end` is just past it. */
export function readValue(text: string, start = 0, options: ReadOptions = {}): ReadResult {
  const repairs = new Set<ValueRepair>();
  let index = start;

  const fail = (message: string): never => {
    throw new ReadError(index >= text.length, index, message);
  };
  const skip = () => {
    for (;;) {
      const code = text.charCodeAt(index);
      if (code === 32 || code === 10 || code === 13 || code === 9) index++;
      else if (code === 47 && text.charCodeAt(index + 1) === 47) {
        repairs.add('comments');
        while (index < text.length && text[index] !== '\n') index++;
      } else return;
    }
  };

  const readString = (): string => {
    const quote = text[index];
    if (quote === "'") repairs.add('single-quotes');
    index++;
    let from = index;
    let out = '';
    for (;;) {
      if (index >= text.length) fail('a string is not closed');
      const char = text[index];
      if (char === quote) {
        out += text.slice(from, index);
        index++;
        return out;
      }
      if (char === '\\') {
        out += text.slice(from, index);
        const next = text[index + 1];
        if (next === undefined) fail('a string is not closed');
        if (next === 'u') {
          const hex = text.slice(index + 2, index + 6);
          if (hex.length < 4) fail('a string is not closed');
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail(`bad escape \\u${hex}`);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          index += 6;
        } else {
          const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
          out += escapes[next] ?? next;
          index += 2;
        }
        from = index;
        continue;
      }
      if (char === '\n' && quote === "'") fail('a string runs past the end of its line');
      index++;
    }
  };

  const readWord = (): string => {
    const match = /^[A-Za-z_$][\w$-]*/.exec(text.slice(index, index + 64));
    return match ? match[0] : '';
  };

  const readNumber = (): number => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(index, index + 64));
    if (!match) fail(`unexpected '${text[index]}'`);
    const after = text[index + (match as RegExpExecArray)[0].length];
    if (after === '.' || (after !== undefined && /[\w]/.test(after))) fail('a malformed number');
    index += (match as RegExpExecArray)[0].length;
    return Number((match as RegExpExecArray)[0]);
  };

  const readContainer = (close: string, isObject: boolean): unknown => {
    index++;
    const object: Record<string, unknown> = {};
    const array: unknown[] = [];
    let first = true;
    for (;;) {
      skip();
      if (index >= text.length) fail(isObject ? 'an object is not closed' : 'a list is not closed');
      if (text[index] === close) {
        index++;
        return isObject ? object : array;
      }
      if (!first) {
        if (text[index] !== ',') fail(`expected ',' or '${close}' but found '${text[index]}'`);
        index++;
        skip();
        if (text[index] === close) {
          repairs.add('trailing-comma');
          index++;
          return isObject ? object : array;
        }
        if (index >= text.length) fail('a value is missing after a comma');
      }
      first = false;
      if (!isObject) {
        array.push(read());
        continue;
      }
      let key: string;
      if (text[index] === '"' || text[index] === "'") key = readString();
      else {
        // Unquoted keys run to the colon (Gemma writes display names with spaces as bare keys).
        const word = options.unquotedKeys
          ? /^[^\s:{}[\],"'][^:{}[\],"'\n]*/.exec(text.slice(index))?.[0]
          : undefined;
        if (!word) fail(`expected a quoted key but found '${text[index]}'`);
        repairs.add('unquoted-keys');
        key = (word as string).trim();
        index += (word as string).length;
      }
      skip();
      if (index >= text.length) fail('an object is not closed');
      if (text[index] !== ':') fail(`expected ':' after key '${key}'`);
      index++;
      object[key] = read();
    }
  };

  const read = (): unknown => {
    skip();
    if (index >= text.length) fail('a value is missing');
    const char = text[index];
    if (char === '{') return readContainer('}', true);
    if (char === '[') return readContainer(']', false);
    if (char === '(' && options.tuples) return readContainer(')', false);
    if (char === '"' || char === "'") return readString();
    if (char === '-' || (char >= '0' && char <= '9')) return readNumber();
    const word = readWord();
    if (word in jsonLiterals) {
      index += word.length;
      return jsonLiterals[word];
    }
    if (word in pythonLiterals) {
      repairs.add('python-literals');
      index += word.length;
      return pythonLiterals[word];
    }
    // A prefix of a literal at the very end ("tru", "nul") is a cut-off value.
    if (word && index + word.length >= text.length && /^(t|tr|tru|f|fa|fal|fals|n|nu|nul)$/.test(word))
      fail('a value is cut off');
    return fail(word ? `'${word}' is not a value (strings need quotes)` : `unexpected '${char}'`);
  };

  try {
    const value = read();
    return { ok: true, value, end: index, repairs: [...repairs] };
  } catch (error) {
    if (error instanceof ReadError)
      return { ok: false, truncated: error.truncated, at: error.at, message: error.message };
    throw error;
  }
}
