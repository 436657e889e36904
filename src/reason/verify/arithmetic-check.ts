// Re-checks the arithmetic a rationale writes down: calculator annotations `<<48/2=24>>` and inline
// equations such as "5 x $3 = $15" or "120 / 4 = 30". A wrong equation is a strong sign of a wrong
// answer; a rationale with no checkable equation is simply unchecked.
import { evaluateExpression } from '../../tool/index.js';

export interface ArithmeticCheck {
  /** Equations found and evaluated. */
  checked: number;
  /** Equations whose stated result differs from the computed one. */
  wrong: number;
  /** The wrong ones, as written, for traces. */
  errors: string[];
}

// A run of arithmetic on one line: numbers, $ , . % ( ) operators and at least one '='.
const mathRun = /[\d$(][\d$,.\t ()+\-*/x×÷%=]*[\d)%]/g;
const annotation = /<<([^=<>]+)=([^<>]+)>>/g;

export function checkArithmetic(text: string): ArithmeticCheck {
  const result: ArithmeticCheck = { checked: 0, wrong: 0, errors: [] };
  for (const match of text.matchAll(annotation))
    check(result, match[1] as string, match[2] as string, match[0]);
  // "48/2 = <<48/2=24>>24" is one equation: drop the annotated ones before the inline pass.
  const plain = text.replace(/=\s*<<[^<>]*>>/g, ' ').replace(annotation, ' ');
  for (const match of plain.matchAll(mathRun)) {
    const sides = match[0].split('=');
    // "a = b = c" is a chain: each side must equal the next one.
    for (let index = 0; index + 1 < sides.length; index++) {
      const left = sides[index] as string;
      if (!/\d\s*[-+*/x×÷]\s*[\d($]|%/.test(left)) continue;
      check(
        result,
        left,
        sides[index + 1] as string,
        `${left.trim()} = ${(sides[index + 1] as string).trim()}`,
      );
    }
  }
  return result;
}

function check(result: ArithmeticCheck, expression: string, stated: string, written: string): void {
  const computed = evaluate(expression);
  const statedValue = evaluate(stated);
  if (computed === undefined || statedValue === undefined) return;
  result.checked += 1;
  // Rounded results ("= 3.33", "= 33%") are accepted to the precision written.
  const decimals = /^\s*\$?[\d,]+\.(\d+)\s*$/.exec(stated)?.[1]?.length ?? 0;
  const tolerance = Math.max(0.5 * 10 ** -decimals, Math.abs(statedValue) * 1e-9);
  // "(4 / 20) * 100 = 20%": a percentage written after multiplying by 100.
  const percent = /%\s*$/.test(stated) && Math.abs(computed - statedValue * 100) <= tolerance * 100;
  if (
    !percent &&
    Math.abs(computed - statedValue) > tolerance &&
    Math.abs(Math.round(computed) - statedValue) > 0.5
  ) {
    result.wrong += 1;
    result.errors.push(written.trim());
  }
}

function evaluate(expression: string): number | undefined {
  const cleaned = expression
    .replace(/[$,]/g, '')
    .replace(/[x×]/g, '*')
    .replace(/÷/g, '/')
    .replace(/(\d+(?:\.\d+)?)%/g, '($1/100)')
    .trim();
  if (!cleaned) return undefined;
  try {
    const value = evaluateExpression(cleaned);
    return Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
