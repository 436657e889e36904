// Phrases that override instructions, in English and German (a third of deepset's data is German), and
// jailbreak role-play markers. Each pattern carries a score; the highest match wins.

export interface HeuristicMatch {
  pattern: string;
  score: number;
  start: number;
  end: number;
}

const rules: [RegExp, number][] = [
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
    /\b(?:you are|you're|act as|pretend (?:to be|you are)|from now on,? you)\b[^.\n]{0,40}\b(?:DAN|jailbroken|unfiltered|uncensored|no (?:rules|restrictions|limits|filters)|developer mode|evil|AIM)\b/i,
    0.95,
  ],
  [/\b(?:developer|god|jailbreak|dan|unrestricted)\s+mode\b/i, 0.9],
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
  [
    /\b(?:stay in character|without any (?:moral|ethical) (?:guidelines|restrictions)|no ethical guidelines)\b/i,
    0.8,
  ],
];

export function injectionHeuristics(text: string): HeuristicMatch[] {
  const matches: HeuristicMatch[] = [];
  for (const [pattern, score] of rules) {
    const match = pattern.exec(text);
    if (match)
      matches.push({
        pattern: pattern.source.slice(0, 40),
        score,
        start: match.index,
        end: match.index + match[0].length,
      });
  }
  return matches;
}
