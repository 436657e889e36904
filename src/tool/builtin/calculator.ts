// `calculator`: exact arithmetic for models, which are bad at it.
import { z } from 'zod';
import { defineTool } from '../tool.js';
import { evaluateExpression } from './evaluate-expression.js';

export function calculatorTool() {
  return defineTool({
    name: 'calculator',
    description:
      'Evaluates an arithmetic expression exactly. Supports + - * / % ^, parentheses, sqrt, abs, round, floor, ceil, exp, ln, log, sin, cos, tan, min, max, pow, pi, e.',
    input: z.object({ expression: z.string().min(1).describe('for example: (12.5 * 4) / sqrt(16)') }),
    execute: ({ expression }) => {
      const value = evaluateExpression(expression);
      return { expression, value };
    },
  });
}
