// cost: per-alias routers and cascades in the gateway. An entry names a model alias clients call and
// the two gateway routes (or models) it chooses between. See docs/cost.md.
import { z } from 'zod';

const tier = z.enum(['weak', 'strong']);

const rule = z
  .object({
    name: z.string().min(1),
    use: tier,
    /** A regular expression the last user message must match. */
    pattern: z.string().optional(),
    minChars: z.number().int().nonnegative().optional(),
    maxChars: z.number().int().nonnegative().optional(),
    minMessages: z.number().int().positive().optional(),
    hasTools: z.boolean().optional(),
  })
  .strict();

/** A classifier: 'gsm8k-router' / 'gsm8k-verifier' (shipped weights) or a path to a weights JSON file. */
const weights = z.string().min(1);

const routerOptions = z
  .object({
    rules: z.array(rule).default([]),
    classifier: weights.optional(),
    /** Classifier scores (P(weak answer wrong)) at or above this go to the strong route. */
    threshold: z.number().min(0).max(1).default(0.5),
    /** The tier when no rule matches and no classifier is set. */
    fallback: tier.default('strong'),
  })
  .strict()
  .prefault({});

const cascadeOptions = z
  .object({
    /** Cheap samples per request (run in parallel on the weak route). */
    samples: z.number().int().min(1).max(5).default(1),
    /** How samples are compared for agreement. */
    answer: z.enum(['number', 'choice', 'text']).default('text'),
    /** Share of samples that must agree (1 = all). */
    minAgreement: z.number().min(0).max(1).default(1),
    /** A regular expression the first cheap answer must match (a format verifier). */
    requirePattern: z.string().optional(),
    /** Escalate when a sample's mean token logprob is below this (needs `logprobs: true` upstream). */
    minMeanLogprob: z.number().max(0).optional(),
    /** A verifier classifier over (question, cheap answer): escalate when its confidence is low. */
    verifier: weights.optional(),
    minConfidence: z.number().min(0).max(1).default(0.5),
    /** Router scores at or above this skip the cheap route. */
    directAbove: z.number().min(0).max(1).optional(),
    /** Router scores below this keep the cheap answer even when a check failed. */
    acceptBelow: z.number().min(0).max(1).optional(),
  })
  .strict()
  .prefault({});

const costRoute = z
  .object({
    mode: z.enum(['router', 'cascade']),
    /** The cheap gateway route or model alias. */
    weak: z.string().min(1),
    /** The strong gateway route or model alias. */
    strong: z.string().min(1),
    router: routerOptions,
    cascade: cascadeOptions,
  })
  .strict();

export const costSection = z
  .object({
    routes: z.record(z.string(), costRoute).default({}),
  })
  .strict()
  .prefault({});

export type CostConfig = z.infer<typeof costSection>;
export type CostRouteConfig = z.infer<typeof costRoute>;
