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

/** Thrown inside the reader only; a plain class (no stack trace to capture: failures are common and must be cheap). */
class ReadError {
  constructor(
    readonly truncated: boolean,
    readonly at: number,
    readonly message: string,
  ) {}
}

const pythonLiterals: Record<string, unknown> = { True: true, False: false, None: null };
const jsonLiterals: Record<string, unknown> = { true: true, false: false, null: null };

/** Reads one value starting at `start` (leading whitespace skipped); `end` is just past it. */
export function readValue(text: string, start = 0, options: ReadOptions = {}): ReadResult {
  const reader = new Reader(text, start, options);
  try {
    const value = reader.read();
    return { ok: true, value, end: reader.index, repairs: [...reader.repairs] };
  } catch (error) {
    if (error instanceof ReadError)
      return { ok: false, truncated: error.truncated, at: error.at, message: error.message };
    throw error;
  }
}

const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

// A class rather than closures: one allocation per read, methods shared (reading is on the hot path).
class Reader {
  readonly repairs = new Set<ValueRepair>();
  constructor(
    readonly text: string,
    public index: number,
    readonly options: ReadOptions,
  ) {}

  fail(message: string): never {
    throw new ReadError(this.index >= this.text.length, this.index, message);
  }

  skip(): void {
    const text = this.text;
    for (;;) {
      const code = text.charCodeAt(this.index);
      if (code === 32 || code === 10 || code === 13 || code === 9) this.index++;
      else if (code === 47 && text.charCodeAt(this.index + 1) === 47) {
        this.repairs.add('comments');
        while (this.index < text.length && text[this.index] !== '\n') this.index++;
      } else return;
    }
  }

  readString(): string {
    const text = this.text;
    const quote = text[this.index];
    if (quote === "'") this.repairs.add('single-quotes');
    this.index++;
    let from = this.index;
    let out = '';
    for (;;) {
      if (this.index >= text.length) this.fail('a string is not closed');
      const char = text[this.index];
      if (char === quote) {
        out += text.slice(from, this.index);
        this.index++;
        return out;
      }
      if (char === '\\') {
        out += text.slice(from, this.index);
        const next = text[this.index + 1];
        if (next === undefined) this.fail('a string is not closed');
        if (next === 'u') {
          const hex = text.slice(this.index + 2, this.index + 6);
          if (hex.length < 4) this.fail('a string is not closed');
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(`bad escape \\u${hex}`);
          out += String.fromCharCode(Number.parseInt(hex, 16));
          this.index += 6;
        } else {
          out += escapes[next] ?? next;
          this.index += 2;
        }
        from = this.index;
        continue;
      }
      if (char === '\n' && quote === "'") this.fail('a string runs past the end of its line');
      this.index++;
    }
  }

  readWord(): string {
    const match = /^[A-Za-z_$][\w$-]*/.exec(this.text.slice(this.index, this.index + 64));
    return match ? match[0] : '';
  }

  readNumber(): number {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(
      this.text.slice(this.index, this.index + 64),
    );
    if (!match) return this.fail(`unexpected '${this.text[this.index]}'`);
    const after = this.text[this.index + match[0].length];
    if (after === '.' || (after !== undefined && /\w/.test(after))) this.fail('a malformed number');
    this.index += match[0].length;
    return Number(match[0]);
  }

  readContainer(close: string, isObject: boolean): unknown {
    const text = this.text;
    this.index++;
    const object: Record<string, unknown> = {};
    const array: unknown[] = [];
    let first = true;
    for (;;) {
      this.skip();
      if (this.index >= text.length) this.fail(isObject ? 'an object is not closed' : 'a list is not closed');
      if (text[this.index] === close) {
        this.index++;
        return isObject ? object : array;
      }
      if (!first) {
        if (text[this.index] !== ',') this.fail(`expected ',' or '${close}' but found '${text[this.index]}'`);
        this.index++;
        this.skip();
        if (text[this.index] === close) {
          this.repairs.add('trailing-comma');
          this.index++;
          return isObject ? object : array;
        }
        if (this.index >= text.length) this.fail('a value is missing after a comma');
      }
      first = false;
      if (!isObject) {
        array.push(this.read());
        continue;
      }
      let key: string;
      if (text[this.index] === '"' || text[this.index] === "'") key = this.readString();
      else {
        // Unquoted keys run to the colon (Gemma writes display names with spaces as bare keys).
        const word = this.options.unquotedKeys
          ? /^[^\s:{}[\],"'][^:{}[\],"'\n]*/.exec(text.slice(this.index, this.index + 200))?.[0]
          : undefined;
        if (!word) return this.fail(`expected a quoted key but found '${text[this.index]}'`);
        this.repairs.add('unquoted-keys');
        key = word.trim();
        this.index += word.length;
      }
      this.skip();
      if (this.index >= text.length) this.fail('an object is not closed');
      if (text[this.index] !== ':') this.fail(`expected ':' after key '${key}'`);
      this.index++;
      object[key] = this.read();
    }
  }

  read(): unknown {
    this.skip();
    const text = this.text;
    if (this.index >= text.length) this.fail('a value is missing');
    const char = text[this.index];
    if (char === '{') return this.readContainer('}', true);
    if (char === '[') return this.readContainer(']', false);
    if (char === '(' && this.options.tuples) return this.readContainer(')', false);
    if (char === '"' || char === "'") return this.readString();
    if (char === '-' || (char >= '0' && char <= '9')) return this.readNumber();
    const word = this.readWord();
    if (word in jsonLiterals) {
      this.index += word.length;
      return jsonLiterals[word];
    }
    if (word in pythonLiterals) {
      this.repairs.add('python-literals');
      this.index += word.length;
      return pythonLiterals[word];
    }
    // A prefix of a literal at the very end ("tru", "nul") is a cut-off value.
    if (word && this.index + word.length >= text.length && /^(t|tr|tru|f|fa|fal|fals|n|nu|nul)$/.test(word))
      this.fail('a value is cut off');
    return this.fail(word ? `'${word}' is not a value (strings need quotes)` : `unexpected '${char}'`);
  }
}
