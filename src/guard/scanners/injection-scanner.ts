// The prompt-task scanners: instruction override / injection, jailbreak framings, and harmful-content
// requests. Each reads the shared one-pass scores (prompt-task-scores.ts) and reports the evidence at or
// above its own threshold, chosen on the validation split at training time.
import type { LinearModel } from '../classifier/index.js';
import type { GuardTask } from '../datasets/task-rows.js';
import { type Finding, resultOf, type Scanner } from '../types.js';
import { operatingThreshold, scorePromptTasks, shippedTaskModels } from './prompt-task-scores.js';

export { operatingThreshold } from './prompt-task-scores.js';

export function shippedInjectionModel(): LinearModel {
  return shippedTaskModels().injection;
}

export interface InjectionScannerOptions {
  /** Minimum score of a reported finding; default: the model's operating threshold (chosen in training). */
  threshold?: number;
  model?: LinearModel;
  /** Skip the classifier (heuristics only). */
  heuristicsOnly?: boolean;
}

/** One task's score of a text (0..1) without building findings: what `guard eval` ranks. */
export function taskScore(task: GuardTask, text: string, model?: LinearModel, signals = true): number {
  return scorePromptTasks(text, { ...(model ? { models: { [task]: model } } : {}), signals })[task].score;
}

/** The injection score of a text (0..1). */
export function injectionScore(text: string, model?: LinearModel): number {
  return taskScore('injection', text, model);
}

/** A scanner for one prompt task: findings `heuristic:<view>` and `classifier:<view>` at or above the threshold. */
export function taskScanner(task: GuardTask, options: InjectionScannerOptions = {}): Scanner {
  const { heuristicsOnly = false } = options;
  const model = heuristicsOnly ? undefined : (options.model ?? shippedTaskModels()[task]);
  const threshold = options.threshold ?? operatingThreshold(model);
  const scoreOptions = heuristicsOnly
    ? { heuristicsOnly: true }
    : options.model
      ? { models: { [task]: options.model } }
      : {};
  return (text) => {
    const findings: Finding[] = [];
    for (const evidence of scorePromptTasks(text, scoreOptions)[task].evidence) {
      if (evidence.score < threshold) continue;
      findings.push({
        scanner: task,
        type: `${evidence.kind}:${evidence.view}`,
        score: evidence.score,
        ...(evidence.value ? { value: evidence.value } : {}),
      });
    }
    return resultOf(findings);
  };
}

/** Instruction override, prompt extraction and indirect injection. */
export function injectionScanner(options: InjectionScannerOptions = {}): Scanner {
  return taskScanner('injection', options);
}

/** Persona, "mode", hypothetical and game framings that try to lift the model's rules. */
export function jailbreakScanner(options: InjectionScannerOptions = {}): Scanner {
  return taskScanner('jailbreak', options);
}

/** Requests for harmful content (Llama Guard 3 / MLCommons hazard categories), without any framing needed. */
export function harmfulRequestScanner(options: InjectionScannerOptions = {}): Scanner {
  return taskScanner('harmful', options);
}
