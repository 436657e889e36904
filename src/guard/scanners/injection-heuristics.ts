// Phrases that override instructions, in English and German (a third of deepset's data is German;
// thirteen more languages are in multilingual-heuristics.ts) (injection), and jailbreak markers: no-rules
// personas and "modes" (jailbreak). Each pattern carries a score; the highest match wins. A role-play
// request without a no-rules marker matches neither.
import { type HeuristicMatch, matchPatterns, type ScoredPattern } from './heuristic-match.js';
import {
  multilingualJailbreakMatches,
  multilingualOverrideMatches,
  multilingualPatterns,
} from './multilingual-heuristics.js';

export type { HeuristicMatch } from './heuristic-match.js';

const rules: ScoredPattern[] = [
  [
    /\b(?:ignore|disregard|forget|skip|override|bypass)\b[^.\n]{0,40}\b(?:previous|prior|above|earlier|preceding|all|your|the|any)\b[^.\n]{0,30}\b(?:instructions?|prompts?|rules|directions|guidelines|context|commands?|orders|tasks?)\b/i,
    0.95,
  ],
  [/\b(?:ignore|forget)\s+(?:everything|all)\b/i, 0.9],
  [
    /\b(?:ignoriere|vergiss|vergessen sie|ignorieren sie)\b[^.\n]{0,60}\b(?:anweisungen|alles|vorherigen?|obigen?|befehle|aufgaben?|instruktionen)\b/i,
    0.95,
  ],
  [/\bvergiss\s+alles\b|\balles\s+(?:davor|zuvor|vorher)\b/i, 0.9],
  [
    /\b(?:reveal|print|show|repeat|output|leak|tell me)\b[^.\n]{0,30}\b(?:system prompt|initial (?:prompt|instructions)|hidden (?:prompt|instructions)|your instructions)\b/i,
    0.9,
  ],
  [/\bnew (?:instructions?|task|rules?)\s*:/i, 0.8],
  [
    /\b(?:do not|don't|never) (?:follow|obey) (?:your|the|any) (?:rules|guidelines|instructions|policies)\b/i,
    0.9,
  ],
  [/<\s*\/?\s*(?:system|im_start|im_end)\s*>|\[\/?INST\]|<\|(?:system|im_start|im_end)\|>/i, 0.85],
];

const jailbreakRules: ScoredPattern[] = [
  [
    /\b(?:you are|you're|act as|pretend (?:to be|you are)|from now on,? you)\b[^.\n]{0,40}\b(?:DAN|jailbroken|unfiltered|uncensored|no (?:rules|restrictions|limits|filters)|developer mode|evil|AIM)\b/i,
    0.95,
  ],
  [/\b(?:developer|god|jailbreak|dan|unrestricted)\s+mode\b/i, 0.9],
  [
    /\b(?:stay in character|without any (?:moral|ethical) (?:guidelines|restrictions)|no ethical guidelines)\b/i,
    0.8,
  ],
];

const makeVerb =
  '(?:make|making|build|building|assemble|synthesi[sz]e|manufacture|produce|cook|brew|detonate|plant|buy|obtain)';
const codeVerb = '(?:make|build|create|write|code|develop|deploy|spread|install)';

/**
 * High-precision hazard patterns (Llama Guard 3 categories): an action verb within a few words of a
 * hazard. "the history of bomb technology" has no action verb; "how to make a bomb" does.
 */
const harmfulRules: ScoredPattern[] = [
  // S9 indiscriminate weapons
  [
    new RegExp(
      `\\b${makeVerb}\\b[^.?!\\n]{0,30}\\b(?<!photo[ -]|bath[ -])(?:bombs?|pipe bombs?|explosives?|IEDs?|napalm|nerve (?:agent|gas)|sarin|ricin|anthrax|dirty bomb|chemical weapons?|bioweapons?|biological weapons?|molotov)\\b`,
      'i',
    ),
    0.9,
  ],
  // S2 illegal drugs
  [
    new RegExp(
      `\\b${makeVerb}\\b[^.?!\\n]{0,30}\\b(?:meth(?:amphetamine)?|crack cocaine|heroin|fentanyl|LSD|MDMA)\\b`,
      'i',
    ),
    0.85,
  ],
  // S14 malware
  [
    new RegExp(
      `\\b${codeVerb}\\b[^.?!\\n]{0,30}\\b(?:ransomware|keyloggers?|malware|computer virus|botnet|spyware|trojan)\\b`,
      'i',
    ),
    0.85,
  ],
  // S1 violent crimes: harming a person without being caught
  [
    /\b(?:kill|murder|poison|strangle|kidnap|hurt)\b[^.?!\n]{0,40}\b(?:without (?:getting caught|being caught|anyone (?:knowing|noticing))|and get away with it|untraceabl[ey])\b/i,
    0.9,
  ],
  // S11 self-harm methods
  [
    /\b(?:how (?:to|can i|do i|should i))\b[^.?!\n]{0,20}\b(?:kill myself|commit suicide|end my life|hurt myself|cut myself)\b/i,
    0.9,
  ],
];

/** Instruction override, prompt extraction, chat-template tokens. */
export function injectionHeuristics(text: string): HeuristicMatch[] {
  return multilingualOverrideMatches(text, matchPatterns(rules, text));
}

/** No-rules personas ("DAN", "developer mode", "stay in character"). */
export function jailbreakHeuristics(text: string): HeuristicMatch[] {
  return multilingualJailbreakMatches(text, matchPatterns(jailbreakRules, text));
}

/** Action-plus-hazard patterns for harmful requests (weapons, drugs, malware, violence, self-harm). */
export function harmfulHeuristics(text: string): HeuristicMatch[] {
  return matchPatterns(harmfulRules, text);
}

/** Every phrase pattern of the prompt heuristics, multilingual ones included (tests read them). */
export function heuristicPatterns(): RegExp[] {
  return [...rules, ...jailbreakRules, ...harmfulRules]
    .map(([pattern]) => pattern)
    .concat(multilingualPatterns());
}
