// Game of 24 for tree-of-thought: combine four numbers with + - * / into 24. States are the numbers
// left and the steps taken; the proposer and value prompts follow the ToT paper's format, so a real
// model can play them; the exact checker replays the steps.
import type { ReasoningContext } from '../reasoning-context.js';

export interface Game24State {
  numbers: number[];
  steps: string[];
}

const operators = ['+', '-', '*', '/'] as const;
const tolerance = 1e-9;

export function game24Root(puzzle: readonly number[]): Game24State {
  return { numbers: [...puzzle], steps: [] };
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
}

export function proposePrompt(state: Game24State): string {
  return `Use numbers and basic arithmetic operations (+ - * /) to obtain 24. Propose possible next steps, one per line, as "a op b = c (left: ...)".\nInput: ${state.numbers.map(formatNumber).join(' ')}\nPossible next steps:`;
}

export function valuePrompt(state: Game24State): string {
  return `Evaluate if the given numbers can reach 24 (sure/likely/impossible).\nInput: ${state.numbers.map(formatNumber).join(' ')}\nJudgement:`;
}

const stepLine = /(-?\d+(?:\.\d+)?)\s*([-+*/×÷x])\s*(-?\d+(?:\.\d+)?)\s*=\s*(-?\d+(?:\.\d+)?)/;

/** The children of `state` that the proposer's reply describes; steps using absent numbers are dropped. */
export function parseProposals(state: Game24State, reply: string): Game24State[] {
  const children: Game24State[] = [];
  const seen = new Set<string>();
  for (const line of reply.split('\n')) {
    const match = stepLine.exec(line);
    if (!match) continue;
    const [a, b, result] = [Number(match[1]), Number(match[3]), Number(match[4])];
    const left = [...state.numbers];
    if (!take(left, a) || !take(left, b)) continue;
    left.push(result);
    const key = [...left].sort((x, y) => x - y).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    children.push({
      numbers: left,
      steps: [
        ...state.steps,
        `${match[1]} ${normaliseOperator(match[2] as string)} ${match[3]} = ${match[4]}`,
      ],
    });
  }
  return children;
}

const valueWords = { sure: 20, likely: 1, impossible: 0.001 } as const;

export function parseValue(reply: string): number {
  const words = reply.toLowerCase().match(/sure|likely|impossible/g);
  const last = words?.at(-1) as keyof typeof valueWords | undefined;
  return last ? valueWords[last] : 0;
}

/** True when the steps are valid arithmetic on the puzzle's numbers and end with 24 alone. */
export function solves24(puzzle: readonly number[], steps: readonly string[]): boolean {
  const left = [...puzzle];
  for (const step of steps) {
    const match = stepLine.exec(step);
    if (!match) return false;
    const [a, b, stated] = [Number(match[1]), Number(match[3]), Number(match[4])];
    if (!take(left, a) || !take(left, b)) return false;
    const computed = apply(a, normaliseOperator(match[2] as string), b);
    if (computed === undefined || Math.abs(computed - stated) > 1e-4) return false;
    left.push(computed);
  }
  return left.length === 1 && Math.abs((left[0] as number) - 24) < 1e-4;
}

export function apply(a: number, operator: string, b: number): number | undefined {
  if (operator === '+') return a + b;
  if (operator === '-') return a - b;
  if (operator === '*') return a * b;
  if (operator === '/') return Math.abs(b) < tolerance ? undefined : a / b;
  return undefined;
}

/** Every legal next step from these numbers, as "a op b = c". */
export function legalSteps(
  numbers: readonly number[],
): { a: number; b: number; operator: string; result: number }[] {
  const steps: { a: number; b: number; operator: string; result: number }[] = [];
  for (let i = 0; i < numbers.length; i++) {
    for (let j = 0; j < numbers.length; j++) {
      if (i === j) continue;
      const [a, b] = [numbers[i] as number, numbers[j] as number];
      for (const operator of operators) {
        if ((operator === '+' || operator === '*') && i > j) continue;
        const result = apply(a, operator, b);
        if (result !== undefined) steps.push({ a, b, operator, result });
      }
    }
  }
  return steps;
}

/** Whether these numbers can still make 24 (exhaustive; used to build puzzles and the scripted valuer). */
export function canReach24(numbers: readonly number[]): boolean {
  if (numbers.length === 1) return Math.abs((numbers[0] as number) - 24) < 1e-4;
  return countSolutions(numbers, 1) > 0;
}

/** Distinct step sequences that reach 24 (up to `limit`): few solutions = a hard puzzle. */
export function countSolutions(numbers: readonly number[], limit = Number.POSITIVE_INFINITY): number {
  if (numbers.length === 1) return Math.abs((numbers[0] as number) - 24) < 1e-4 ? 1 : 0;
  let total = 0;
  for (const step of legalSteps(numbers)) {
    const left = [...numbers];
    take(left, step.a);
    take(left, step.b);
    left.push(step.result);
    total += countSolutions(left, limit - total);
    if (total >= limit) return total;
  }
  return total;
}

/** A tree-of-thought task for a model: its proposals and its sure/likely/impossible judgements. */
export function game24Task() {
  return {
    propose: async (state: Game24State, context: ReasoningContext) =>
      parseProposals(
        state,
        await context.ask(
          'proposer',
          `propose from ${state.numbers.map(formatNumber).join(' ')}`,
          proposePrompt(state),
        ),
      ),
    value: async (state: Game24State, context: ReasoningContext) =>
      parseValue(
        await context.ask('valuer', `value ${state.numbers.map(formatNumber).join(' ')}`, valuePrompt(state)),
      ),
    isSolution: (state: Game24State) =>
      state.numbers.length === 1 && Math.abs((state.numbers[0] as number) - 24) < 1e-4,
    isTerminal: (state: Game24State) => state.numbers.length <= 1,
    answerOf: (state: Game24State) => state.steps.join('\n'),
  };
}

function take(numbers: number[], value: number): boolean {
  const index = numbers.findIndex((candidate) => Math.abs(candidate - value) < 1e-4);
  if (index < 0) return false;
  numbers.splice(index, 1);
  return true;
}

function normaliseOperator(operator: string): string {
  if (operator === '×' || operator === 'x') return '*';
  if (operator === '÷') return '/';
  return operator;
}
