// Model-backed scanners inside a policy (an endpoint, or a local ONNX classifier): each runs within its time budget; when the model fails, is slow
// or answers badly, its `onFailure` decides: `allow` (logged only), `flag` or `block` the text. Findings
// from the model take the rule's action. Used by checkTextAsync and the gateway hooks.
import type { GuardPolicyConfig } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';
import { onnxScanner } from '../onnx/index.js';
import { type AsyncScanner, type LeakSecrets, modelScanner } from '../scanners/index.js';
import type { Direction } from '../types.js';
import type { PolicyFinding, RuleAction } from './create-guard-policy.js';

type ModelRuleConfig = GuardPolicyConfig['models'][number];

export interface ModelPolicyRule {
  name: string;
  action: RuleAction;
  directions: readonly Direction[];
  onFailure: 'allow' | 'flag' | 'block';
  timeoutMs: number;
  scan: AsyncScanner;
}

export function buildModelRules(
  configs: readonly ModelRuleConfig[],
  options: { env?: NodeJS.ProcessEnv; fetch?: typeof fetch; secrets?: LeakSecrets } = {},
): ModelPolicyRule[] {
  const env = options.env ?? process.env;
  return configs.map((config) => ({
    name: config.name,
    action: config.action,
    directions: config.directions ?? (config.protocol === 'leak-judge' ? ['output'] : ['input']),
    onFailure: config.onFailure,
    timeoutMs: config.timeoutMs,
    scan: scannerFor(config, env, options.fetch, options.secrets),
  }));
}

/** The scanner a rule runs: a local ONNX classifier, or an endpoint (Llama Guard, moderation, leak judge). */
function scannerFor(
  config: ModelRuleConfig,
  env: NodeJS.ProcessEnv,
  fetch?: typeof globalThis.fetch,
  secrets?: LeakSecrets,
): AsyncScanner {
  if (config.protocol === 'onnx') {
    const { model, file, attackLabels, threshold, maxTokens, threads, timeoutMs } = config;
    return onnxScanner({ model, file, attackLabels, threshold, maxTokens, threads, timeoutMs, env, fetch });
  }
  const apiKey = config.apiKeyEnv ? env[config.apiKeyEnv] : undefined;
  if (config.apiKeyEnv && !apiKey) {
    throw new GantryError(
      'GUARD_MODEL_SCANNER_INVALID',
      `The model-backed guard scanner "${config.name}" reads its API key from ${config.apiKeyEnv}, which is not set.`,
      { hint: `Set ${config.apiKeyEnv}, or remove apiKeyEnv for an endpoint without a key.` },
    );
  }
  const { baseUrl, model, protocol, prompt, categories, threshold, timeoutMs } = config;
  return modelScanner({
    baseUrl,
    model,
    apiKey,
    protocol,
    prompt,
    categories,
    threshold,
    timeoutMs,
    fetch,
    secrets: protocol === 'leak-judge' ? secrets : undefined,
  });
}

/** Findings of the model rules that apply to the direction, each within its budget, in parallel. */
export async function runModelRules(
  rules: readonly ModelPolicyRule[],
  text: string,
  direction: Direction,
  signal?: AbortSignal,
): Promise<PolicyFinding[]> {
  const applicable = rules.filter(
    (rule) => rule.directions.length === 0 || rule.directions.includes(direction),
  );
  const results = await Promise.all(
    applicable.map(async (rule): Promise<PolicyFinding[]> => {
      try {
        const { findings } = await rule.scan(text, { direction, signal });
        return findings.map((finding) => ({ ...finding, action: rule.action, rule: rule.name }));
      } catch (error) {
        if (signal?.aborted) throw error;
        // The model is down, slow or confused: the fallback decides, and the finding says why.
        return [
          {
            scanner: 'model',
            type: 'model-unavailable',
            score: 0,
            value: (error as Error).message,
            action: rule.onFailure === 'allow' ? 'log' : rule.onFailure,
            rule: rule.name,
          },
        ];
      }
    }),
  );
  return results.flat();
}
