// pass@k (Chen et al. 2021, unbiased: 1 − C(n−c,k)/C(n,k)) and pass^k (tau-bench: C(c,k)/C(n,k),
// the chance that k trials drawn without replacement ALL pass), averaged over tasks.
import { GantryError } from '../../errors/index.js';

export interface TrialCounts {
  /** Trials run. */
  n: number;
  /** Trials that passed. */
  c: number;
}

function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

function check(tasks: readonly TrialCounts[], k: number, name: string): void {
  for (const { n, c } of tasks) {
    if (!Number.isInteger(k) || k < 1 || k > n || c < 0 || c > n) {
      throw new GantryError(
        'EVAL_SCORER_INPUT_INVALID',
        `${name} needs 1 ≤ k ≤ n and 0 ≤ c ≤ n; got k=${k}, n=${n}, c=${c}.`,
        {
          hint: 'Run at least k repeats of every task (--repeat).',
        },
      );
    }
  }
}

export function passAtK(tasks: readonly TrialCounts[], k: number): number {
  check(tasks, k, 'pass@k');
  if (tasks.length === 0) return 0;
  const sum = tasks.reduce(
    (acc, { n, c }) => acc + (n - c < k ? 1 : 1 - binomial(n - c, k) / binomial(n, k)),
    0,
  );
  return sum / tasks.length;
}

export function passHatK(tasks: readonly TrialCounts[], k: number): number {
  check(tasks, k, 'pass^k');
  if (tasks.length === 0) return 0;
  return tasks.reduce((acc, { n, c }) => acc + binomial(c, k) / binomial(n, k), 0) / tasks.length;
}
