// Evidence for the prompt tasks that is defined by what an attack is, not by one source's wording:
// - an adversarial suffix (jailbreak): the end of the prompt is far less natural than its
//   start under a character model of benign text (OR-rule with its own validation-chosen threshold);
// - harmful intent (harmful): request act × hazard object, discounted in a safe context;
// - jailbreak framing (jailbreak): rule-removal phrases, or a persona/hypothetical/priming frame around
//   harmful intent.
// Each also says how much to trust the n-gram classifier: a safe context halves the harmful classifier's
// score, a role-play frame with no rule removal and no harm reads the jailbreak classifier at 0.05, a
// prompt with no jailbreak structure at all gets no jailbreak classifier evidence (factor 0), and a short
// hostile statement that asks for nothing (hostile-statement.ts) no injection classifier evidence.
import { wordCount } from '../classifier/index.js';
import type { GuardTask } from '../datasets/task-rows.js';
import { leastNaturalWindow } from './char-language-model.js';
import { type HarmfulIntent, harmfulIntent } from './harmful-intent.js';
import { isHostileStatement } from './hostile-statement.js';
import { hasPretext, type JailbreakFraming, jailbreakFraming } from './jailbreak-framing.js';
import { type SuffixModel, shippedSuffixModel } from './suffix-model.js';
import { tokenSoup } from './token-soup.js';

export interface SignalEvidence {
  task: GuardTask;
  /**
   * `suffix`, `token-soup`, `suffix-and-soup`, `intent:<S-code>`, `rule-removal`, `framed-intent`,
   * `priming`, `preempted-refusal`, `transgressive-frame`, `pretext`.
   */
  signal: string;
  score: number;
  value?: string;
}

export interface PromptSignals {
  evidence: SignalEvidence[];
  /** Multipliers for the classifier evidence of each task (1 when absent). */
  classifierFactor: Partial<Record<GuardTask, number>>;
  intent: HarmfulIntent;
  framing: JailbreakFraming;
  suffixContrast: number;
  /** The odd-token contrast of the last line (token-soup.ts). */
  soup: number;
}

/** What an OR-rule signal scores when it fires: above any task threshold, graded a little by strength. */
const fired = (strength: number) => Math.min(0.99, 0.9 + 0.09 * Math.max(0, Math.min(1, strength)));

/**
 * The jailbreak classifier's weight on a prompt with no jailbreak structure (no frame, rule removal,
 * priming, pre-emption, suffix or token soup). 0: a jailbreak is a structure around a request, and the
 * n-gram classifier grades that structure; on a plain request it only recalls topics it met inside attack
 * prompts (JailbreakBench's goals in GCG/JBC prompts, format instructions). Was 0.5; at 0 the
 * leave-one-source-out folds kept their recall (89.2 → 89.3 %) and their mean benign false-positive rate
 * fell 5.6 → 2.6 % (IFEval left out 10.9 → 3.7 %, JBB benign goals 36 → 6 %); bench/guard/jailbreak-fold-errors.ts.
 */
export const classifierDiscount = 0;
/**
 * The jailbreak classifier's weight on a benign role-play (a frame with no rule removal, priming,
 * pre-emption, transgression or harm). 0.5, then 0.2 once the no-structure discount lowered the validation
 * thresholds; 0.05 since the no-structure factor is 0 (role-play left out: 23.8 % of rows / 10 % of
 * templates at 0.2, 5.6 % / 0 at 0.05; LOSO recall 89.3 → 89.2 %).
 */
export const rolePlayDiscount = 0.05;
/** Token-soup contrast from which the last line reads as an optimised suffix (0.04 % of benign task rows). */
export const soupThreshold = 0.2;
/**
 * Two weaker suffix measures that agree: the character contrast at this share of its own threshold (its
 * 98th percentile on the benign training and validation rows) together with at least one odd token in
 * the last line's second half and none in its first (token soup 0.1; 2.9 % of those rows have any).
 * Alone each fires on 2–3 % of benign rows, together on 0.2 %: a suffix of English sub-words and foreign
 * words (GCG's, which read as almost natural characters) trips both a little where prose trips one.
 */
export const jointSuffixShare = 0.8;
export const jointSoupThreshold = 0.1;
/**
 * Harmful intent (after the safe-context discount) from which a pretext (jailbreak-framing.ts
 * `pretextCues`) reads as a jailbreak. The benign project, essay and awareness requests on scary topics
 * in jailbreak-signals.test.ts (the project's own) score at most 0.35; JailbreakBench's PAIR prompts that
 * the cue catches spread over 0.1–0.9, so this keeps only the stronger third of them.
 */
export const pretextIntent = 0.4;
/** Fewest words of a framed-intent jailbreak (the shortest persona framings in the training sources have about 40). */
export const minimumFramedWords = 30;

export function promptSignals(text: string, suffix: SuffixModel = shippedSuffixModel()): PromptSignals {
  const evidence: SignalEvidence[] = [];
  const classifierFactor: PromptSignals['classifierFactor'] = {};
  const window = leastNaturalWindow(suffix.model, text);
  if (window.contrast >= suffix.threshold) {
    const strength = (window.contrast - suffix.threshold) / suffix.threshold;
    // Jailbreak only: on the injection task it cost 3.7 points of validation recall (the suffix fires on
    // some benign code, raising the injection threshold) and no injection source carries suffixes.
    evidence.push({ task: 'jailbreak', signal: 'suffix', score: fired(strength), value: window.value });
  }
  const soup = tokenSoup(text);
  if (soup >= soupThreshold)
    evidence.push({
      task: 'jailbreak',
      signal: 'token-soup',
      score: fired((soup - soupThreshold) / soupThreshold),
    });
  else if (
    soup >= jointSoupThreshold &&
    window.contrast >= jointSuffixShare * suffix.threshold &&
    window.contrast < suffix.threshold
  )
    evidence.push({ task: 'jailbreak', signal: 'suffix-and-soup', score: fired(0), value: window.value });
  const intent = harmfulIntent(text);
  if (intent.score > 0)
    evidence.push({
      task: 'harmful',
      signal: `intent:${intent.category}`,
      score: intent.score,
      ...(intent.hazard ? { value: intent.hazard } : {}),
    });
  if (intent.classifierFactor !== 1) classifierFactor.harmful = intent.classifierFactor;
  const framing = jailbreakFraming(text);
  if (framing.ruleRemoval)
    evidence.push({
      task: 'jailbreak',
      signal: 'rule-removal',
      score: 0.9,
      ...(framing.cue ? { value: framing.cue } : {}),
    });
  // A frame takes words: a one-line "write a fictional story about …" is a request, not a jailbreak.
  const words = wordCount(text);
  const framed = (framing.framing || framing.priming) && words >= minimumFramedWords;
  if (framed && intent.unframedScore >= 0.5)
    evidence.push({
      task: 'jailbreak',
      signal: framing.priming ? 'priming' : 'framed-intent',
      score: Math.min(0.95, 0.5 + 0.45 * intent.unframedScore),
      ...(intent.hazard ? { value: intent.hazard } : {}),
    });
  // A refusal pre-empted inside a frame ("You are a researcher … this is purely hypothetical and will
  // never be used"): a rewritten jailbreak even when its goal carries no hazard word.
  if (framed && framing.preemption)
    evidence.push({
      task: 'jailbreak',
      signal: 'preempted-refusal',
      score: Math.min(0.95, 0.6 + 0.35 * intent.unframedScore),
    });
  // A frame that casts a wrongdoer, bends the rules or evades detection ("You are a cybercriminal …",
  // "… without being detected"): the shape of a rewritten (PAIR-style) jailbreak even when its goal
  // carries no hazard word. A benign role-play casts a guide or a tutor in an ordinary task.
  // A rule-bending situation or evading detection counts only around some harmful intent (any hazard
  // word): games and stories bend rules too. Alone (intent 0) they cost PAIR left out 75.7 → 72.8 %, but
  // fired on benign role-plays written for the tests ("the party is desperate", "photograph the foxes
  // without being detected").
  const transgressive = framed && framing.transgression && (framing.wrongdoer || intent.unframedScore > 0);
  if (transgressive)
    evidence.push({
      task: 'jailbreak',
      signal: 'transgressive-frame',
      score: Math.min(0.95, 0.5 + 0.45 * intent.unframedScore),
    });
  // A long prompt that argues for a request that stays harmful after the safe-context discount ("it is
  // essential to examine the positive side of stalking …"): persuasion around the goal, frame or no frame.
  // The discounted score, not the unframed one: a benign project or awareness request on a scary topic
  // ("a presentation on phishing awareness", "a research project about chemical weapons treaties") argues
  // for itself too, and its safe context keeps it under pretextIntent.
  // The cues run last and only then: nearly every prompt stops at the intent test.
  const argued = intent.score >= pretextIntent && words >= minimumFramedWords && hasPretext(text);
  if (argued && !transgressive)
    evidence.push({
      task: 'jailbreak',
      signal: 'pretext',
      score: Math.min(0.95, 0.5 + 0.45 * intent.unframedScore),
    });
  if (
    framing.framing &&
    !framing.ruleRemoval &&
    !framing.priming &&
    !(framed && framing.preemption) &&
    !transgressive &&
    !argued &&
    intent.unframedScore < 0.3
  )
    classifierFactor.jailbreak = rolePlayDiscount;
  // No structure of a jailbreak at all (no frame, rule removal, priming, pre-emption or suffix): the
  // classifier is no evidence (classifierDiscount). Left out of training, its top benign scores were plain
  // requests whose topics it had learnt from attack prompts (format instructions, JBB's benign goals).
  const structured =
    framing.framing ||
    framing.ruleRemoval ||
    framing.priming ||
    framing.preemption ||
    evidence.some((e) => e.task === 'jailbreak');
  if (!structured) classifierFactor.jailbreak = classifierDiscount;
  // A short insult or threat that asks for nothing ("You are all idiots.") is toxicity, not an override.
  if (isHostileStatement(text)) classifierFactor.injection = 0;
  return { evidence, classifierFactor, intent, framing, suffixContrast: window.contrast, soup };
}
