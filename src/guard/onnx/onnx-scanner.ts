// The local classifier as a policy scanner: loaded on first use (a download from Hugging Face can take
// minutes; until it is ready every scan fails fast and the rule's onFailure decides), each scan within
// its time budget. A finding per attack label whose probability reaches the threshold.
import { GantryError } from '../../errors/index.js';
import type { AsyncScanner } from '../scanners/index.js';
import { type Finding, resultOf } from '../types.js';
import { loadOnnxClassifier, type OnnxClassifier, type OnnxClassifierOptions } from './onnx-classifier.js';

export interface OnnxScannerOptions extends OnnxClassifierOptions {
  /**
   * Attack labels and the finding type each reports (e.g. { INJECTION: 'injection', JAILBREAK:
   * 'jailbreak' }). Default: every label but the first (the benign one, as in Prompt Guard's exports),
   * reported as its lower-cased name, or `prompt-attack` for a bare LABEL_n.
   */
  attackLabels?: Record<string, string>;
  /** Probability at or above which an attack label is a finding; default 0.5. */
  threshold?: number;
  /** Time budget of one scan, in ms; default 2000. */
  timeoutMs?: number;
}

export function onnxScanner(options: OnnxScannerOptions): AsyncScanner {
  const threshold = options.threshold ?? 0.5;
  const timeoutMs = options.timeoutMs ?? 2000;
  let loading: Promise<OnnxClassifier> | undefined;
  const classifier = (): Promise<OnnxClassifier> => {
    loading ??= loadOnnxClassifier(options).catch((error) => {
      loading = undefined; // a later scan tries again (the file may appear, the download may resume)
      throw error;
    });
    return loading;
  };
  return async (text, context = {}) => {
    // The time budget and the caller's abort, as one promise; both are released when the scan ends.
    let release = () => {};
    const budget = new Promise<never>((_, reject) => {
      const timer = setTimeout(
        () => reject(failed(`no answer within ${timeoutMs} ms (the model may still be loading)`)),
        timeoutMs,
      );
      const onAbort = () => reject(context.signal?.reason);
      context.signal?.addEventListener('abort', onAbort, { once: true });
      release = () => {
        clearTimeout(timer);
        context.signal?.removeEventListener('abort', onAbort);
      };
    });
    try {
      const work = (async () => {
        const model = await classifier();
        const { probabilities } = await model.classify(text);
        return { model, probabilities };
      })();
      work.catch(() => {}); // a late failure after the budget ran out is not unhandled
      const { model, probabilities } = await Promise.race([work, budget]);
      const attack = options.attackLabels ?? defaultAttackLabels(model.labels);
      const findings: Finding[] = [];
      for (const [label, type] of Object.entries(attack)) {
        const probability = probabilities[label];
        if (probability === undefined) {
          throw failed(
            `attackLabels names '${label}', which the model does not have (${model.labels.join(', ')})`,
          );
        }
        if (probability >= threshold) findings.push({ scanner: 'onnx', type, score: probability });
      }
      return resultOf(findings);
    } catch (error) {
      if (GantryError.isInstance(error) || context.signal?.aborted) throw error;
      throw failed((error as Error).message, error);
    } finally {
      release();
    }
  };
}

function defaultAttackLabels(labels: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    labels
      .slice(1)
      .map((label) => [label, /^LABEL_\d+$/.test(label) ? 'prompt-attack' : label.toLowerCase()]),
  );
}

function failed(why: string, cause?: unknown): GantryError {
  return new GantryError('GUARD_MODEL_SCANNER_FAILED', `The ONNX classifier scanner failed: ${why}.`, {
    hint: 'Check the model folder and that onnxruntime-node is installed, raise timeoutMs, or rely on the rule’s onFailure fallback.',
    cause,
  });
}
