// Harmful intent = request act × hazard object, unless the context is safe. A hazard word alone is a
// topic ("the history of bomb technology"); a request act alone is an ordinary request ("how do I bake
// bread"); together, outside history, analysis, prevention or an idiom, they are a harmful request.
import { findHazards, type HazardCode } from './hazard-lexicon.js';
import { hasSafeContext, insideBenignIdiom, strongestAct } from './request-acts.js';

export interface HarmfulIntent {
  /** 0..1: hazard strength × act strength, scaled down by a safe context. */
  score: number;
  /** The same without the safe-context discount (a jailbreak's fiction or research pretext is no excuse). */
  unframedScore: number;
  category?: HazardCode;
  hazard?: string;
  act: number;
  safeContext: boolean;
}

/** Act weight when a hazard is named but nothing is asked ("Thin people are just anorexic."). */
const statementAct = 0.45;
/** What a safe context leaves of the score. */
export const safeContextFactor = 0.35;

export function harmfulIntent(text: string): HarmfulIntent {
  const head = text.length > 6000 ? text.slice(0, 6000) : text;
  const safeContext = hasSafeContext(head);
  const hazards = findHazards(head).filter((h) => !insideBenignIdiom(head, h.start, h.end));
  const act = strongestAct(head)?.weight ?? statementAct;
  if (!hazards.length) return { score: 0, unframedScore: 0, act, safeContext };
  // A second, different hazard raises the strength (two weak cues agree): 1 − (1 − a)(1 − b/2).
  const [top, ...rest] = hazards;
  const second = rest.find((h) => h.category !== top.category || h.value !== top.value);
  const strength = second ? 1 - (1 - top.weight) * (1 - second.weight / 2) : top.weight;
  const unframedScore = Math.min(1, strength * act);
  return {
    score: safeContext ? unframedScore * safeContextFactor : unframedScore,
    unframedScore,
    category: top.category,
    hazard: top.value,
    act,
    safeContext,
  };
}
