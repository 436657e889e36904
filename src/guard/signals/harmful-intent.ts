// Harmful intent = request act × hazard object, unless the context is safe. A hazard word alone is a
// topic ("the history of bomb technology"); a request act alone is an ordinary request ("how do I bake
// bread"); together, outside history, analysis, prevention, a definition, a safety question or a
// technical sense ("kill the child processes"), they are a harmful request. The context also says how
// far to trust the n-gram classifier, whose scores follow sentence shape more than topic.
import {
  harmfulContext,
  hazardIsTopic,
  insideTechnicalSense,
  type SafeContextKind,
} from './harmful-context.js';
import { findHazards, type HazardCode, lowerCased } from './hazard-lexicon.js';
import { insideBenignIdiom, strongestAct } from './request-acts.js';

export interface HarmfulIntent {
  /** 0..1: hazard strength × act strength, scaled down by a safe context. */
  score: number;
  /** The same without the safe-context and topic discounts (a jailbreak's fiction or research pretext is no excuse). */
  unframedScore: number;
  category?: HazardCode;
  hazard?: string;
  act: number;
  safeContext: boolean;
  /** Which safe context applied (definition, safety, history, fiction, analysis, or the older list). */
  contextKind?: SafeContextKind;
  /** The prompt asks for operational detail (step by step, exact amounts, undetected): no discount. */
  operational: boolean;
  /** Multiplier for the harmful-request classifier's score (1: trust it as it is). */
  classifierFactor: number;
}

const fictionIsContent = new Set<HazardCode>(['S3', 'S4', 'S12']);

/** Act weight when a hazard is named but nothing is asked ("Thin people are just anorexic."). */
const statementAct = 0.45;
/** What is left of the act when the hazard is only the topic of the writing asked for. */
export const topicActFactor = 0.6;
/** What a safe context leaves of the score. */
export const safeContextFactor = 0.35;
/** What a safe context leaves of the classifier's score (when the intent itself is weak). */
export const safeClassifierFactor = 0.3;

export function harmfulIntent(text: string): HarmfulIntent {
  const head = text.length > 6000 ? text.slice(0, 6000) : text;
  const context = harmfulContext(head);
  let safeContext = context.safe;
  const hazards = findHazards(head).filter(
    (h) => !insideBenignIdiom(head, h.start, h.end) && !insideTechnicalSense(head, h.start, h.end),
  );
  const stated = strongestAct(head)?.weight ?? statementAct;
  const act = Math.max(stated, ...hazards.map((h) => h.act ?? 0));
  const base = {
    act,
    ...(context.kind ? { contextKind: context.kind } : {}),
    operational: context.operational,
  };
  if (!hazards.length) {
    // Without a hazard word only a safe context discounts the classifier: a flat discount of every
    // hazard-free prompt (tried: 0.75) only lowers the validation threshold, so more scary prompts pass it.
    const classifierFactor = safeContext ? safeClassifierFactor : 1;
    return { score: 0, unframedScore: 0, ...base, safeContext, classifierFactor };
  }
  // A second, different hazard raises the strength (two weak cues agree): 1 − (1 − a)(1 − b/2).
  const [top, ...rest] = hazards;
  // Fiction about sexual content or abuse is the content itself, not a story about a topic.
  if (context.kind === 'fiction' && fictionIsContent.has(top.category)) safeContext = false;
  const second = rest.find((h) => h.category !== top.category || h.value !== top.value);
  const strength = second ? 1 - (1 - top.weight) * (1 - second.weight / 2) : top.weight;
  // A hazard that is the topic of the writing asked for weighs less than one that is the thing to do.
  const topic = hazardIsTopic(lowerCased(head), top.start);
  // The jailbreak framing reads the unframed score: a story "about" a goal is a jailbreak's usual wrapper.
  const unframedScore = Math.min(1, strength * act);
  const score = unframedScore * (topic ? topicActFactor : 1) * (safeContext ? safeContextFactor : 1);
  return {
    score,
    unframedScore,
    category: top.category,
    hazard: top.value,
    ...base,
    safeContext,
    classifierFactor: safeContext && score < 0.5 ? safeClassifierFactor : 1,
  };
}
