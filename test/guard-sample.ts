// Shared by the guard's identity tests: an even sample of a list, and the prompt sets they read.
import { loadBenignPrompts, loadDeepset, loadJailbreakBench } from '../src/guard/datasets/index.js';

/** About n items spread evenly over the list (every floor(length / n)-th, from the first). */
export function everyNth<T>(list: T[], n: number): T[] {
  const step = Math.max(1, Math.floor(list.length / n));
  return list.filter((_, i) => i % step === 0);
}

/** The texts of deepset's, JailbreakBench's and the benign prompt sets, in that order. */
export function promptTexts(root: string): string[] {
  return [...loadDeepset(root), ...loadJailbreakBench(root), ...loadBenignPrompts(root)].map((r) => r.text);
}
