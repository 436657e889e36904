// A safe arithmetic evaluator (recursive descent, no eval): numbers, + - * / % ^, parentheses,
// a few functions and constants. Anything else is a clear error the model can correct.
import { GantryError } from '../../errors/index.js';

const functions: Record<string, (...args: number[]) => number> = {
  sqrt: Math.sqrt,
  abs: Math.abs,
  round: Math.round,
  floor: Math.floor,
  ceil: Math.ceil,
  exp: Math.exp,
  ln: Math.log,
  log: Math.log10,
  log10: Math.log10,
  log2: Math.log2,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  min: Math.min,
  max: Math.max,
  pow: Math.pow,
};
const constants: Record<string, number> = { pi: Math.PI, e: Math.E };

const maximumLength = 1000;

export function evaluateExpression(expression: string): number {
  if (expression.length > maximumLength) fail(`the expression is longer than ${maximumLength} characters`, 0);
  const tokens = tokenize(expression);
  let position = 0;
  const peek = () => tokens[position];
  const take = () => tokens[position++];
  const expect = (value: string) => {
    const token = take();
    if (token?.value !== value) fail(`expected '${value}'`, token?.offset ?? expression.length);
  };

  // Precedence climbing: additive < multiplicative < unary < power (right-associative).
  function additive(): number {
    let value = multiplicative();
    while (peek()?.value === '+' || peek()?.value === '-') {
      value = take().value === '+' ? value + multiplicative() : value - multiplicative();
    }
    return value;
  }
  function multiplicative(): number {
    let value = unary();
    while (['*', '/', '%'].includes(peek()?.value ?? '')) {
      const operator = take().value;
      const right = unary();
      value = operator === '*' ? value * right : operator === '/' ? value / right : value % right;
    }
    return value;
  }
  function unary(): number {
    if (peek()?.value === '-') {
      take();
      return -unary();
    }
    if (peek()?.value === '+') {
      take();
      return unary();
    }
    return power();
  }
  function power(): number {
    const base = primary();
    if (peek()?.value === '^' || peek()?.value === '**') {
      take();
      return base ** unary();
    }
    return base;
  }
  function primary(): number {
    const token = take();
    if (!token) fail('the expression ends too early', expression.length);
    if (token.kind === 'number') return Number(token.value);
    if (token.value === '(') {
      const value = additive();
      expect(')');
      return value;
    }
    if (token.kind === 'name') {
      const name = token.value.toLowerCase();
      if (peek()?.value === '(') {
        // Own properties only: 'constructor' or '__proto__' must not reach Object.prototype.
        const fn = Object.hasOwn(functions, name) ? functions[name] : undefined;
        if (!fn)
          fail(
            `unknown function '${token.value}' (known: ${Object.keys(functions).join(', ')})`,
            token.offset,
          );
        take();
        const args = [additive()];
        while (peek()?.value === ',') {
          take();
          args.push(additive());
        }
        expect(')');
        return fn(...args);
      }
      if (Object.hasOwn(constants, name)) return constants[name];
      fail(`unknown name '${token.value}' (constants: pi, e)`, token.offset);
    }
    fail(`unexpected '${token.value}'`, token.offset);
  }

  const result = additive();
  if (position < tokens.length) fail(`unexpected '${tokens[position].value}'`, tokens[position].offset);
  return result;

  function fail(why: string, offset: number): never {
    throw new GantryError(
      'TOOL_EXPRESSION_INVALID',
      `Cannot evaluate '${expression}': ${why} at offset ${offset}.`,
      {
        hint: 'Use numbers, + - * / % ^, parentheses, functions such as sqrt(x) or max(a, b), and pi or e.',
        details: { expression, offset },
      },
    );
  }
}

interface Token {
  kind: 'number' | 'name' | 'symbol';
  value: string;
  offset: number;
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([a-zA-Z_][a-zA-Z0-9_]*)|(\*\*|[-+*/%^(),]))/y;
  let offset = 0;
  while (offset < expression.length) {
    if (/^\s*$/.test(expression.slice(offset))) break;
    pattern.lastIndex = offset;
    const match = pattern.exec(expression);
    if (!match) {
      const at = offset + (expression.slice(offset).length - expression.slice(offset).trimStart().length);
      throw new GantryError(
        'TOOL_EXPRESSION_INVALID',
        `Cannot evaluate '${expression}': unexpected character '${expression[at]}' at offset ${at}.`,
        { hint: 'Only arithmetic is allowed: numbers, operators, parentheses, functions and pi or e.' },
      );
    }
    const start = pattern.lastIndex - match[0].trimStart().length;
    if (match[1] !== undefined)
      tokens.push({ kind: 'number', value: match[1].replace(/_/g, ''), offset: start });
    else if (match[2] !== undefined) tokens.push({ kind: 'name', value: match[2], offset: start });
    else tokens.push({ kind: 'symbol', value: match[3], offset: start });
    offset = pattern.lastIndex;
  }
  return tokens;
}
