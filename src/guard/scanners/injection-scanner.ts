// Prompt injection and jailbreak detection: normalise (NFKC, invisible characters, homoglyphs, decoded
// payloads), then score every view with the heuristics and the shipped classifier; the highest wins.
import { type LinearModel, loadShippedModel, predictTextPositive } from '../classifier/index.js';
import { normalizeText, textViews } from '../normalize/index.js';
import { type Finding, resultOf, type Scanner } from '../types.js';
import { injectionHeuristics } from './injection-heuristics.js';

export function shippedInjectionModel(): LinearModel {
  return loadShippedModel('injection.json');
}

export interface InjectionScannerOptions {
  /** Minimum score of a reported finding; default: the model's operating threshold (chosen in training). */
  threshold?: number;
  model?: LinearModel;
  /** Skip the classifier (heuristics only). */
  heuristicsOnly?: boolean;
}

/** The threshold chosen at training time (3 % FPR on out-of-fold training scores), else 0.5. */
export function operatingThreshold(model: LinearModel | undefined): number {
  const value = model?.metadata.operatingThreshold;
  return typeof value === 'number' ? value : 0.5;
}

/** The injection score of a text (0..1) without building findings: what `guard eval` ranks. */
export function injectionScore(text: string, model: LinearModel = shippedInjectionModel()): number {
  const normalized = normalizeText(text);
  let score = 0;
  for (const view of textViews(normalized)) {
    for (const match of injectionHeuristics(view)) score = Math.max(score, match.score);
    score = Math.max(score, predictTextPositive(model, view));
  }
  // Hiding text is itself evidence: raise the score, never lower it.
  const { invisibleCharacters, mixedScript, encodedPayloads } = normalized.signals;
  if (score >= 0.3 && (invisibleCharacters > 0 || mixedScript || encodedPayloads > 0))
    score = Math.min(1, score + 0.2);
  return score;
}

export function injectionScanner(options: InjectionScannerOptions = {}): Scanner {
  const { heuristicsOnly = false } = options;
  const model = heuristicsOnly ? undefined : (options.model ?? shippedInjectionModel());
  const threshold = options.threshold ?? operatingThreshold(model);
  return (text) => {
    const normalized = normalizeText(text);
    const findings: Finding[] = [];
    const views = textViews(normalized);
    for (let v = 0; v < views.length; v++) {
      const via = v === 0 ? 'text' : normalized.payloads[v - 1].encoding;
      for (const match of injectionHeuristics(views[v])) {
        findings.push({
          scanner: 'injection',
          type: `heuristic:${via}`,
          score: match.score,
          value: views[v].slice(match.start, match.end),
        });
      }
      if (model) {
        const probability = predictTextPositive(model, views[v]);
        findings.push({ scanner: 'injection', type: `classifier:${via}`, score: probability });
      }
    }
    const { invisibleCharacters, mixedScript, encodedPayloads } = normalized.signals;
    const evasion = invisibleCharacters > 0 || mixedScript || encodedPayloads > 0;
    const boosted = findings.map((f) =>
      evasion && f.score >= 0.3 ? { ...f, score: Math.min(1, f.score + 0.2) } : f,
    );
    return resultOf(boosted.filter((f) => f.score >= threshold));
  };
}
