import { z } from 'zod';

const action = z.enum(['block', 'redact', 'flag', 'log']);
const directions = z.array(z.enum(['input', 'output', 'tool-result']));

/** One scanner inside a policy: what it does when it fires, and on which directions it runs. */
const ruleBase = (defaultAction: z.infer<typeof action>) =>
  z.object({
    enabled: z.boolean().default(true),
    action: action.default(defaultAction),
    /** Directions this scanner runs on; empty = all. */
    directions: directions.default([]),
    /** Score at or above which a finding counts (0..1). */
    threshold: z.number().min(0).max(1).default(0.5),
  });

/**
 * A model-backed scanner in a policy (Llama Guard style over any OpenAI-compatible endpoint, a
 * moderation endpoint, or `leak-judge`: a chat model asked whether an answer gives away the policy's
 * promptLeak canaries or system prompt): run by `checkTextAsync` and the gateway hooks within `timeoutMs`;
 * when the model fails or is slow, `onFailure` decides (allow, flag or block the text).
 */
const modelRuleSchema = z
  .object({
    /** Rule name in findings (`rule`). */
    name: z.string().min(1).default('model'),
    /** Base URL ending in /v1. */
    baseUrl: z.string().url(),
    model: z.string().min(1),
    /** Environment variable holding the endpoint's API key (never the key itself in configuration). */
    apiKeyEnv: z.string().optional(),
    protocol: z.enum(['llama-guard', 'openai-moderation', 'leak-judge']).default('llama-guard'),
    /** llama-guard: `taxonomy` wraps the text in the hazard-category prompt; `server-template` sends it alone. */
    prompt: z.enum(['taxonomy', 'server-template']).default('taxonomy'),
    /** Hazard category codes to check (S1–S14; default all). */
    categories: z.array(z.string()).optional(),
    /** openai-moderation: category score that counts. */
    threshold: z.number().min(0).max(1).default(0.5),
    action: action.default('block'),
    /** Default: `output` for leak-judge (answers leak), `input` for the others. */
    directions: directions.optional(),
    /** Time budget of one call, in ms. */
    timeoutMs: z.number().int().positive().default(2000),
    onFailure: z.enum(['allow', 'flag', 'block']).default('flag'),
  })
  .strict();

/**
 * A local classifier in a policy (Prompt Guard style: a small encoder that labels a prompt benign,
 * injection or jailbreak), run in-process with onnxruntime-node (an optional peer dependency) from a
 * folder holding a Hugging Face ONNX export, or an hf:owner/repo id downloaded once into the model cache.
 */
const onnxRuleSchema = z
  .object({
    name: z.string().min(1).default('onnx'),
    protocol: z.literal('onnx'),
    /** Folder with onnx/model.onnx (or model.onnx), tokenizer.json and config.json; or hf:owner/repo. */
    model: z.string().min(1),
    /** The graph inside the folder when it is not onnx/model.onnx or model.onnx (e.g. onnx/model_quantized.onnx). */
    file: z.string().min(1).optional(),
    /** Attack labels and the finding type each reports; default every label but the first. */
    attackLabels: z.record(z.string(), z.string()).optional(),
    /** Probability at or above which an attack label counts. */
    threshold: z.number().min(0).max(1).default(0.5),
    /** Tokens per window (long texts are classified window by window); default the model's, at most 512. */
    maxTokens: z.number().int().min(8).optional(),
    threads: z.number().int().positive().default(1),
    action: action.default('block'),
    directions: directions.default(['input']),
    timeoutMs: z.number().int().positive().default(2000),
    onFailure: z.enum(['allow', 'flag', 'block']).default('flag'),
  })
  .strict();

/** A guard policy: which scanners run and what each does (block, redact, flag or log only). */
export const guardPolicySchema = z
  .object({
    pii: ruleBase('redact')
      .extend({
        entities: z.array(z.string()).default([]),
        /** ISO regions for national phone formats; default US, GB, DE, FR, IL, IN, BR (fewer = faster). */
        phoneRegions: z.array(z.string().length(2)).optional(),
        /** mask: `[EMAIL]`; hash: `[EMAIL:1a2b3c4d]`; vault: reversible placeholders restored in answers. */
        mode: z.enum(['mask', 'hash', 'vault']).default('mask'),
        /**
         * Names and street addresses (the learned tagger, no checksum) in requests: `flag` reports them and
         * leaves the request as written (default: ordinary questions about people and places stay intact);
         * `redact` masks them like the validated entities.
         */
        namesOnInput: z.enum(['flag', 'redact']).default('flag'),
      })
      .strict()
      .prefault({}),
    secrets: ruleBase('redact').strict().prefault({}),
    // Injection is an attack on the model's instructions: it comes in through requests and tool results.
    injection: ruleBase('block')
      .extend({
        directions: directions.default(['input', 'tool-result']),
        /** Default: the shipped model's operating threshold (3 % FPR on out-of-fold training scores). */
        threshold: z.number().min(0).max(1).optional(),
      })
      .strict()
      .prefault({}),
    /** Jailbreak framings (persona, "mode", hypothetical, game) around a request; threshold default: the shipped one. */
    jailbreak: ruleBase('block')
      .extend({
        directions: directions.default(['input']),
        threshold: z.number().min(0).max(1).optional(),
      })
      .strict()
      .prefault({}),
    /**
     * Requests for harmful content (Llama Guard 3 hazard categories); threshold default: the shipped one.
     * Flags by default: the linear model still fires on some short factual questions (docs/guard.md).
     */
    harmful: ruleBase('flag')
      .extend({
        directions: directions.default(['input']),
        threshold: z.number().min(0).max(1).optional(),
      })
      .strict()
      .prefault({}),
    toxicity: ruleBase('flag').strict().prefault({}),
    invisibleText: ruleBase('redact').strict().prefault({}),
    bannedSubstrings: ruleBase('block')
      .extend({ substrings: z.array(z.string()).default([]), caseSensitive: z.boolean().default(false) })
      .strict()
      .prefault({}),
    bannedTopics: ruleBase('block')
      .extend({ topics: z.record(z.string(), z.array(z.string())).default({}) })
      .strict()
      .prefault({}),
    urls: ruleBase('redact')
      .extend({ allow: z.array(z.string()).default([]), deny: z.array(z.string()).default([]) })
      .strict()
      .prefault({}),
    promptLeak: ruleBase('block')
      .extend({ canaries: z.array(z.string()).default([]), systemPrompt: z.string().optional() })
      .strict()
      .prefault({}),
    /** Answers that must be JSON (off unless enabled): syntax, required keys, an optional JSON Schema. */
    json: ruleBase('flag')
      .extend({
        enabled: z.boolean().default(false),
        requiredKeys: z.array(z.string()).default([]),
        schema: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .prefault({}),
    /**
     * Claims in an answer that its sources do not support (lexical check; off unless enabled). Runs on
     * outputs checked with sources: `checkText(answer, { direction: 'output', sources })`, `ask()`, and
     * gateway answers to prompts that list numbered sources ("[1] …"). Threshold default: the validated one.
     */
    groundedness: ruleBase('flag')
      .extend({
        enabled: z.boolean().default(false),
        directions: directions.default(['output']),
        threshold: z.number().min(0).max(1).optional(),
      })
      .strict()
      .prefault({}),
    /** Model-backed scanners (async: `checkTextAsync`, gateway hooks); none by default. */
    models: z.array(z.union([onnxRuleSchema, modelRuleSchema])).default([]),
    /** How tool results with instruction-like content are handled (indirect injection). */
    quarantineToolResults: z.boolean().default(true),
  })
  .strict()
  .prefault({});

/** Configuration of the guard subsystem. */
export const guardSection = z
  .object({
    /** Folder of the labelled datasets; default `<repo>/../shared/datasets/guard` (env GANTRY_GUARD_DATASETS). */
    datasetsPath: z.string().optional(),
    /** Named policies; gateway routes, keys and agents refer to them by name. */
    policies: z.record(z.string(), guardPolicySchema).default({}),
    /** Which named policy applies where: by gateway route (model alias), API key id, or agent name. */
    assignments: z
      .object({
        routes: z.record(z.string(), z.string()).default({}),
        keys: z.record(z.string(), z.string()).default({}),
        agents: z.record(z.string(), z.string()).default({}),
      })
      .strict()
      .prefault({}),
    /** The policy used when a route, key or agent names none. */
    defaultPolicy: guardPolicySchema,
    /**
     * Apply the policies to the gateway's traffic in `gantry serve`: requests before the upstream sees
     * them, answers as they stream. Off by default: turning it on changes what clients receive.
     */
    gateway: z.boolean().default(false),
    /** With `gateway` on, record every checked message's features (never its text) for `gantry monitor report`. */
    monitorTraffic: z.boolean().default(true),
    /** Characters a stream guard holds back so that a secret split across chunks is still caught. */
    streamHoldBack: z.number().int().min(0).max(4096).default(96),
    monitor: z
      .object({
        windowMinutes: z.number().positive().default(60),
        /** The reference window ends where the current one starts and spans this many minutes. */
        referenceMinutes: z
          .number()
          .positive()
          .default(24 * 60),
        minimumEvents: z.number().int().positive().default(30),
        webhookUrl: z.string().url().optional(),
        /** Evidently's defaults: PSI 0.1, KS p < 0.05, Jensen–Shannon distance 0.1, centroid distance 0.2. */
        thresholds: z
          .object({
            psi: z.number().positive().default(0.1),
            ksPValue: z.number().positive().max(1).default(0.05),
            jensenShannon: z.number().positive().default(0.1),
            centroidDistance: z.number().positive().default(0.2),
            mmd: z.number().positive().default(0.015),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .prefault({});

export type GuardPolicyConfig = z.infer<typeof guardPolicySchema>;
export type GuardModelRuleConfig = z.infer<typeof modelRuleSchema>;
export type GuardPolicyInput = z.input<typeof guardPolicySchema>;
export type GuardConfig = z.infer<typeof guardSection>;
