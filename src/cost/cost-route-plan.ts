// A `cost.routes` entry turned into what the gateway runs per request: the router, the cascade's
// checks and verifier, and the names of the weak and strong routes.
import type { CostRouteConfig } from '../config/index.js';
import { answerFeatures } from './answer-features.js';
import type { CascadePolicy } from './cascade-policy.js';
import type { CascadeChecks } from './cascade-verdict.js';
import { loadClassifier } from './load-weights.js';
import { predictLogistic } from './logistic-model.js';
import { createRouter, type Router } from './router.js';

export interface CostRoutePlan {
  alias: string;
  mode: 'router' | 'cascade';
  weak: string;
  strong: string;
  router: Router;
  samples: number;
  checks: CascadeChecks;
  policy: CascadePolicy;
  /** P(cheap answer right), when a verifier is configured. */
  verify?: (question: string, answer: string) => number;
  minConfidence: number;
}

export function costRoutePlan(alias: string, entry: CostRouteConfig): CostRoutePlan {
  const { router: r, cascade: c } = entry;
  const router = createRouter({
    rules: r.rules.map((rule) => ({
      ...rule,
      pattern: rule.pattern ? new RegExp(rule.pattern, 'i') : undefined,
    })),
    classifier: r.classifier ? loadClassifier(r.classifier) : undefined,
    threshold: r.threshold,
    fallback: r.fallback,
  });
  const verifier = c.verifier ? loadClassifier(c.verifier) : undefined;
  return {
    alias,
    mode: entry.mode,
    weak: entry.weak,
    strong: entry.strong,
    router,
    samples: c.samples,
    checks: {
      answer: c.answer,
      minAgreement: c.minAgreement,
      requirePattern: c.requirePattern ? new RegExp(c.requirePattern) : undefined,
      minMeanLogprob: c.minMeanLogprob,
    },
    policy: { directAbove: c.directAbove, acceptBelow: c.acceptBelow },
    verify: verifier
      ? (question, answer) => predictLogistic(verifier, answerFeatures(question, answer))
      : undefined,
    minConfidence: c.minConfidence,
  };
}
