// A guard policy: the scanners a route, key or agent runs and what each one does when it fires.
// Callers (gateway hooks, the agent loop) see only checkText and a stream guard, never the scanners.
import { type GuardPolicyConfig, type GuardPolicyInput, guardPolicySchema } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';
import { groundednessScanner } from '../grounding/index.js';
import { piiEntities, piiScanner } from '../pii/index.js';
import { hashReplacement, maskReplacement, type Replacement } from '../redact-findings.js';
import {
  bannedSubstringsScanner,
  bannedTopicsScanner,
  harmfulRequestScanner,
  injectionScanner,
  invisibleTextScanner,
  jailbreakScanner,
  jsonValidityScanner,
  promptLeakScanner,
  secretsScanner,
  toxicityScanner,
  urlScanner,
} from '../scanners/index.js';
import type { Direction, Finding, Scanner } from '../types.js';
import { createVault, type Vault } from '../vault/index.js';
import { buildModelRules, type ModelPolicyRule, runModelRules } from './model-rules.js';
import { quarantine } from './quarantine.js';

export type PolicyAction = 'allow' | 'block' | 'redact' | 'flag';
export type RuleAction = 'block' | 'redact' | 'flag' | 'log';

export interface PolicyFinding extends Finding {
  action: RuleAction;
  /** The policy rule (config key) that produced it. */
  rule: string;
}

export interface PolicyDecision {
  action: PolicyAction;
  /** The text to pass on: redacted, or fenced as untrusted for tool results. */
  text: string;
  findings: PolicyFinding[];
}

export interface PolicyRule {
  name: string;
  action: RuleAction;
  directions: readonly Direction[];
  scan: Scanner;
  /** Span-based rules can run on a stream with hold-back; whole-text classifiers run at the end. */
  streamable: boolean;
  replace?: Replacement;
}

export interface GuardPolicy {
  readonly rules: readonly PolicyRule[];
  readonly vault: Vault;
  /** `sources`: the passages an answer should be grounded in (the groundedness rule reads them). */
  checkText(text: string, options?: { direction?: Direction; sources?: readonly string[] }): PolicyDecision;
  /** Model-backed scanners (`models` in the policy): run only by checkTextAsync. */
  readonly modelRules: readonly ModelPolicyRule[];
  /**
   * checkText, then the model-backed scanners on the text it passes on (each within its time budget,
   * its onFailure deciding when the model is down or slow). Without model rules: checkText's decision.
   */
  checkTextAsync(
    text: string,
    options?: { direction?: Direction; sources?: readonly string[]; signal?: AbortSignal },
  ): Promise<PolicyDecision>;
  /** Puts vault placeholders back into a model's answer (pii mode `vault`). */
  restore(text: string): string;
}

/** Entities found by the learned tagger rather than a validated pattern. */
const taggedEntities: readonly string[] = ['PERSON', 'STREET_ADDRESS'];

const rank: Record<PolicyAction, number> = { allow: 0, flag: 1, redact: 2, block: 3 };

export function strongest(a: PolicyAction, b: PolicyAction): PolicyAction {
  return rank[a] >= rank[b] ? a : b;
}

function policyActionOf(action: RuleAction): PolicyAction {
  return action === 'log' ? 'allow' : action;
}

function buildRules(config: GuardPolicyConfig, vault: Vault): PolicyRule[] {
  const rules: PolicyRule[] = [];
  const add = (
    name: string,
    rule: { enabled: boolean; action: RuleAction; directions: Direction[] },
    scan: Scanner,
    streamable: boolean,
    replace?: Replacement,
  ) => {
    if (rule.enabled)
      rules.push({ name, action: rule.action, directions: rule.directions, scan, streamable, replace });
  };
  // Order matters: invisible characters go first so that later scanners read clean text.
  add('invisibleText', config.invisibleText, invisibleTextScanner(), true, () => '');
  // Leak detection reads the text before any redaction: a leaked secret must not be masked first.
  if (config.promptLeak.canaries.length || config.promptLeak.systemPrompt) {
    add('promptLeak', config.promptLeak, promptLeakScanner(config.promptLeak), false);
  }
  // Groundedness too: a redacted answer ("[PERSON] measured …") no longer matches its sources.
  add(
    'groundedness',
    config.groundedness,
    groundednessScanner({ threshold: config.groundedness.threshold }),
    false,
  );
  add('secrets', config.secrets, secretsScanner(), true, maskReplacement);
  const piiReplace =
    config.pii.mode === 'vault'
      ? (f: Finding) => vault.placeholderFor(f)
      : config.pii.mode === 'hash'
        ? hashReplacement()
        : maskReplacement;
  const piiOptions = {
    threshold: config.pii.threshold,
    phoneRegions: config.pii.phoneRegions,
    redact: config.pii.mode === 'vault' ? vault : config.pii.mode,
  } as const;
  const entities = config.pii.entities.length ? config.pii.entities : [...piiEntities];
  const tagged = entities.filter((e) => taggedEntities.includes(e));
  const onInput = config.pii.directions.length === 0 || config.pii.directions.includes('input');
  if (config.pii.namesOnInput === 'flag' && tagged.length && onInput) {
    // Requests: validated entities are redacted, names and addresses only flagged (ordinary questions
    // about people and places stay as written). Answers and tool results: everything is redacted.
    const others = config.pii.directions.length
      ? config.pii.directions.filter((d) => d !== 'input')
      : (['output', 'tool-result'] as Direction[]);
    if (others.length)
      add(
        'pii',
        { ...config.pii, directions: others },
        piiScanner({ ...piiOptions, entities }),
        true,
        piiReplace,
      );
    const validated = entities.filter((e) => !taggedEntities.includes(e));
    if (validated.length)
      add(
        'pii',
        { ...config.pii, directions: ['input'] },
        piiScanner({ ...piiOptions, entities: validated }),
        true,
        piiReplace,
      );
    add(
      'pii',
      { ...config.pii, action: 'flag', directions: ['input'] },
      piiScanner({ ...piiOptions, entities: tagged, redact: false }),
      true,
    );
  } else {
    add('pii', config.pii, piiScanner({ ...piiOptions, entities }), true, piiReplace);
  }
  if (config.bannedSubstrings.substrings.length) {
    add('bannedSubstrings', config.bannedSubstrings, bannedSubstringsScanner(config.bannedSubstrings), false);
  }
  if (Object.keys(config.bannedTopics.topics).length) {
    add('bannedTopics', config.bannedTopics, bannedTopicsScanner(config.bannedTopics), false);
  }
  if (config.urls.allow.length || config.urls.deny.length)
    add('urls', config.urls, urlScanner(config.urls), true, () => '[URL REMOVED]');
  if (config.json.enabled) {
    // JSON is a property of answers: without explicit directions it checks outputs only.
    const rule = {
      ...config.json,
      directions: config.json.directions.length ? config.json.directions : ['output' as const],
    };
    add(
      'json',
      rule,
      jsonValidityScanner({ requiredKeys: config.json.requiredKeys, schema: config.json.schema }),
      false,
    );
  }
  add('injection', config.injection, injectionScanner({ threshold: config.injection.threshold }), false);
  add('jailbreak', config.jailbreak, jailbreakScanner({ threshold: config.jailbreak.threshold }), false);
  add('harmful', config.harmful, harmfulRequestScanner({ threshold: config.harmful.threshold }), false);
  add('toxicity', config.toxicity, toxicityScanner({ threshold: config.toxicity.threshold }), false);
  return rules;
}

export function createGuardPolicy(
  input: GuardPolicyInput | GuardPolicyConfig = {},
  options: { vault?: Vault; env?: NodeJS.ProcessEnv; fetch?: typeof fetch } = {},
): GuardPolicy {
  const parsed = guardPolicySchema.safeParse(input);
  if (!parsed.success) {
    throw new GantryError(
      'GUARD_OPTIONS_INVALID',
      `The guard policy is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
      {
        hint: 'Compare the policy with the guard section in docs/guard.md.',
        details: { issues: parsed.error.issues },
      },
    );
  }
  const config = parsed.data;
  const vault = options.vault ?? createVault();
  const rules = buildRules(config, vault);
  const modelRules = buildModelRules(config.models, {
    ...options,
    secrets: { canaries: config.promptLeak.canaries, systemPrompt: config.promptLeak.systemPrompt },
  });

  const policy: GuardPolicy = {
    rules,
    modelRules,
    vault,
    async checkTextAsync(text, { direction = 'input', sources, signal } = {}) {
      const decision = policy.checkText(text, { direction, sources });
      if (decision.action === 'block' || modelRules.length === 0) return decision;
      const found = await runModelRules(modelRules, decision.text, direction, signal);
      if (found.length === 0) return decision;
      let action: PolicyAction = decision.action;
      for (const finding of found) action = strongest(action, policyActionOf(finding.action));
      return {
        action,
        text: action === 'block' ? '' : decision.text,
        findings: [...decision.findings, ...found],
      };
    },
    restore: (text) => vault.restore(text),
    checkText(text, { direction = 'input', sources } = {}) {
      const context = sources ? { direction, sources } : { direction };
      let current = text;
      let action: PolicyAction = 'allow';
      const findings: PolicyFinding[] = [];
      for (const rule of rules) {
        if (rule.directions.length > 0 && !rule.directions.includes(direction)) continue;
        const result = rule.scan(current, context);
        if (result.findings.length === 0) continue;
        let ruleAction = rule.action;
        // An injected instruction in a tool result is fenced and flagged rather than failing the agent step.
        if (
          rule.name === 'injection' &&
          direction === 'tool-result' &&
          config.quarantineToolResults &&
          ruleAction === 'block'
        ) {
          ruleAction = 'flag';
        }
        for (const finding of result.findings)
          findings.push({ ...finding, action: ruleAction, rule: rule.name });
        action = strongest(action, policyActionOf(ruleAction));
        if (ruleAction === 'redact' && result.redacted !== undefined) current = result.redacted;
      }
      if (
        direction === 'tool-result' &&
        config.quarantineToolResults &&
        findings.some((f) => f.scanner === 'injection')
      ) {
        current = quarantine(current);
      }
      return { action, text: action === 'block' ? '' : current, findings };
    },
  };
  return policy;
}

/** Throws GUARD_BLOCKED for a blocking decision: what callers without their own error path use. */
export function assertNotBlocked(decision: PolicyDecision, where: string): void {
  if (decision.action !== 'block') return;
  const scanners = [...new Set(decision.findings.filter((f) => f.action === 'block').map((f) => f.scanner))];
  throw new GantryError(
    'GUARD_BLOCKED',
    `The ${where} was blocked by the guard policy (${scanners.join(', ')}).`,
    {
      hint: 'Remove the flagged content, or set that scanner to flag or redact in the guard policy.',
      details: {
        findings: decision.findings.map(({ scanner, type, score, action }) => ({
          scanner,
          type,
          score,
          action,
        })),
      },
    },
  );
}
