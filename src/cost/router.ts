// Picks the model tier for one request from the request alone: rules first (first match wins), then
// the trained classifier's score against a threshold, else the fallback tier.
import { promptFeatures, requestText } from './features.js';
import { type LogisticModel, predictLogistic } from './logistic-model.js';

export type Tier = 'weak' | 'strong';

export interface RouterRule {
  /** Named in the decision's reason (`rule:<name>`). */
  name: string;
  use: Tier;
  /** All given conditions must hold. */
  pattern?: RegExp;
  minChars?: number;
  maxChars?: number;
  minMessages?: number;
  hasTools?: boolean;
}

export interface RouterOptions {
  rules?: readonly RouterRule[];
  /** Scores a prompt: the probability that the weak model gets it wrong. */
  classifier?: LogisticModel;
  /** Classifier scores at or above this go to the strong tier. */
  threshold?: number;
  /** The tier when no rule matches and there is no classifier. */
  fallback?: Tier;
}

export interface RouteDecision {
  tier: Tier;
  /** `rule:<name>`, `score 0.412>=0.350`, `score 0.120<0.350` or `default`. */
  reason: string;
  /** The classifier's score, when it ran. */
  score?: number;
}

export interface Router {
  decide(body: Record<string, unknown>): RouteDecision;
  /** The classifier's score of a text (undefined without a classifier). */
  score(text: string): number | undefined;
}

export function createRouter({
  rules = [],
  classifier,
  threshold = 0.5,
  fallback = 'strong',
}: RouterOptions): Router {
  const score = (text: string) =>
    classifier
      ? predictLogistic(classifier, promptFeatures(text, { hashBuckets: classifier.hashBuckets }))
      : undefined;
  return {
    score,
    decide(body) {
      const text = requestText(body);
      for (const rule of rules) {
        if (matches(rule, body, text)) return { tier: rule.use, reason: `rule:${rule.name}` };
      }
      const value = score(text);
      if (value === undefined) return { tier: fallback, reason: 'default' };
      const strong = value >= threshold;
      return {
        tier: strong ? 'strong' : 'weak',
        reason: `score ${value.toFixed(3)}${strong ? '>=' : '<'}${threshold.toFixed(3)}`,
        score: value,
      };
    },
  };
}

function matches(rule: RouterRule, body: Record<string, unknown>, text: string): boolean {
  if (rule.pattern && !rule.pattern.test(text)) return false;
  if (rule.minChars !== undefined && text.length < rule.minChars) return false;
  if (rule.maxChars !== undefined && text.length > rule.maxChars) return false;
  const messages = Array.isArray(body.messages) ? body.messages.length : 1;
  if (rule.minMessages !== undefined && messages < rule.minMessages) return false;
  if (rule.hasTools !== undefined && (Array.isArray(body.tools) && body.tools.length > 0) !== rule.hasTools)
    return false;
  return true;
}
