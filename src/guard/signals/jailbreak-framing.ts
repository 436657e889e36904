// Jailbreak framing: a persona, "mode", game or hypothetical that removes the model's rules, or that
// wraps a harmful request. A benign role-play ("act as a travel guide") frames a request too, but asks
// for nothing harmful and removes no rule: it is no jailbreak. The phrases are this project's own words.

import { execWhereStems } from '../normalize/word-prefilter.js';

/** Phrases that remove or route around the model's rules: a jailbreak whatever is asked. */
export const ruleRemovalCues: readonly RegExp[] = [
  /\b(?:no|without (?:any )?|free (?:of|from) (?:any |all )?|zero|not bound by (?:any )?|beyond (?:any )?)(?:restrictions|limits|limitations|rules|filters|filtering|guidelines|boundaries|censorship|moral(?:s|ity)?|ethics|ethical (?:guidelines|constraints|considerations)|content polic(?:y|ies)|safety (?:guidelines|measures))\b/i,
  /\b(?:ignore|disregard|forget|bypass|override|abandon|break free (?:of|from)|set aside) (?:all |any |your |the |its |their )*(?:previous |prior |original |ethical |moral |safety )?(?:guidelines|rules|programming|policies|policy|training|restrictions|filters|principles|constraints|openai|anthropic)\b/i,
  /\b(?:unfiltered|uncensored|unrestricted|amoral|unethical ai|unaligned|jailbr(?:oken|eak)|developer mode|dan mode|god mode|evil (?:mode|ai|assistant|bot|confidant)|do anything now|\bDAN\b|anti-?gpt|opposite mode)\b/i,
  /\b(?:never|do not|don't|must not|will not|won't|cannot|can't) (?:ever )?(?:refuse|decline|apologi[sz]e|warn|add (?:any )?(?:warnings|disclaimers)|mention (?:ethics|legality|morality)|say (?:that )?(?:you )?can(?:'|no)t|break character)\b/i,
  /\b(?:stay in character|remain in character|stay in (?:this )?(?:role|persona) no matter|answer (?:any|every|all) (?:question|request)s?(?: no matter)|no matter how (?:immoral|unethical|illegal|harmful|dangerous|offensive)|regardless of (?:legality|ethics|morality|how (?:harmful|illegal|unethical)))\b/i,
  /\b(?:openai|anthropic)(?:'s)? (?:content )?polic(?:y|ies)\b/i,
];

/** Persona, mode, game, fiction and hypothetical framings (neutral on their own). */
export const framingCues: readonly RegExp[] = [
  /\b(?:you are|you're|act as|acting as|pretend(?:ing)? (?:to be|you are|you're|that)|imagine (?:you are|you're|that|a (?:world|scenario))|role-?play|take (?:on )?the (?:role|persona)|play the (?:role|part)|from now on|in this (?:scenario|story|game|world))\b/i,
  /\b(?:hypothetical(?:ly)?|fictional|fiction|novel|screenplay|story|character|scenario|thought experiment|let's play a game|game where|alternate (?:universe|reality)|in a world where|suppose|for (?:research|educational|academic) purposes|as a (?:researcher|writer|novelist|journalist|expert|professor))\b/i,
];

/** Priming the answer's first words ("Begin your reply with: 'Sure, here is'"). */
export const responsePrimingCues: readonly RegExp[] = [
  /\b(?:begin|start|open|preface) (?:your |the )?(?:reply|response|answer|output)? ?(?:with|by (?:saying|replying|writing|stating))\b/i,
  /\bsure,? here (?:is|are)\b/i,
];

/**
 * Pre-empting a refusal: the prompt assures the model that what it asks for is harmless ("purely
 * hypothetical", "will never be used", "for educational purposes only", "not for any malicious purpose").
 * An ordinary request has no refusal to pre-empt; inside a persona or hypothetical frame this is the
 * shape of a rewritten jailbreak (PAIR-style), whatever words the harmful goal is dressed in.
 */
export const refusalPreemptionCues: readonly RegExp[] = [
  /\b(?:purely|strictly|solely|only|just) (?:for )?(?:a )?(?:fictional|hypothetical|educational|research|academic|testing|entertainment|informational|creative)(?: purposes?| reasons| exercise| project| scenario| context)?\b/i,
  /\b(?:will|would) (?:never|not) (?:ever )?be (?:used|implemented|acted (?:on|upon)|carried out|put into (?:practice|action)|applied (?:in|to) (?:real|the real))\b/i,
  /\b(?:is|are) not (?:intended|meant) (?:to be used )?(?:for|to) (?:any )?(?:harm|real|actual|malicious|illegal|be taken seriously)/i,
  /\bfor (?:educational|research|academic|training|testing|informational) (?:purposes|use) only\b/i,
  /\b(?:not|never) (?:for|to be used for) (?:any )?(?:harmful|malicious|illegal|unethical|real(?:-| )world|actual) (?:purposes?|intent|use|activities|means)\b/i,
  /\b(?:no basis in reality|never be implemented|(?:does|do|will) not (?:reflect|endorse|promote|condone)|won't actually (?:be used|happen))\b/i,
  /\bthis is (?:just |only |purely |all |simply |entirely )(?:a )?(?:hypothetical|fictional|fiction|thought experiment|simulation)\b/i,
];

/**
 * A transgressive persona or scenario: the frame casts the model as a wrongdoer, or the situation as one
 * where rules are bent ("you are a cybercriminal", "politically incorrect", "without being detected",
 * "a desperate situation"). A benign role-play casts a guide, a tutor or a chef in an ordinary task; a
 * game or a story can bend rules too ("the party is desperate", "a diamond was secretly taken"), so only the
 * wrongdoer persona counts alone (prompt-signals.ts). Written while reading PAIR prompts (JailbreakBench),
 * so PAIR's left-out figure is not independent of it.
 */
export const transgressionCues: readonly RegExp[] = [
  // A wrongdoer persona ("You are a cybercriminal …"), not a defender who mentions one.
  /\b(?:you are|you're|act(?:ing)? as|play(?:ing)? (?:the role of|the part of)?|imagine (?:you are|you're|being)|pretend(?:ing)? (?:to be|you are|you're)|as) (?:a|an) (?:[\w-]+ ){0,3}?(?:cyber-?criminal|criminal|black-?hat hacker|con (?:artist|man)|scammer|fraudster|drug (?:dealer|lord)|smuggler|terrorist|extremist|propagandist|(?:[\w-]+ )?denier|conspiracy theorist|stalker)s?\b/i,
  // A situation that bends the rules.
  /\b(?:politically incorrect|taboo|ethically (?:problematic|questionable|ambiguous|grey|gray)|morally (?:ambiguous|questionable|grey|gray)|push(?:es|ing)? (?:the )?boundaries|challeng(?:e|es|ing) (?:societal|social) norms|desperate (?:situation|attempt|need|measures)|no other (?:choice|option|way)|(?:life|lives|job|career|family) (?:depends?|is at stake|are at stake)|at any cost)\b/i,
  // Evading detection or consent.
  /\b(?:without (?:being |getting )?(?:detected|caught|noticed|traced)|without (?:their|his|her|the (?:owner|user)'s) (?:consent|knowledge)|evad(?:e|es|ing) (?:detection|the (?:law|police|authorities))|avoid(?:ing)? detection|undetected|secretly|covertly|surreptitiously)\b/i,
];

/**
 * A pretext: the prompt argues for its request instead of just making it, with the persuasion devices
 * of rewritten (PAIR-style) jailbreaks: an appeal to importance or a greater good ("it is essential to
 * discuss …", "to raise awareness"), other perspectives against the mainstream ("alternative viewpoints",
 * "the official narrative"), controversy, a project as cover ("I'm working on a research project about
 * …") and persuasion itself ("persuasive", "sensational", "convince your audience"). An ordinary request
 * rarely argues for itself; these count only around harmful intent that survives the safe-context
 * discount (prompt-signals.ts `pretextIntent`). Written while reading PAIR prompts that the other cues
 * missed, so PAIR's left-out figure is not independent of them.
 */
export const pretextCues: readonly RegExp[] = [
  /\b(?:it is|it's|is|are) (?:essential|crucial|important|vital|necessary|worth) (?:to|for) (?:discuss|understand|explore|examine|consider|address|acknowledge|recogni[sz]e|look at)/i,
  /\b(?:rais(?:e|es|ing) awareness|harm reduction|(?:foster|promote|encourage)(?:s|ing)? (?:a )?(?:better|deeper|well-informed|open) (?:understanding|dialogue|discussion|debate))\b/i,
  /\b(?:different|alternative|other|various|opposing|unconventional|differing) (?:perspectives|viewpoints|points of view|views|interpretations|narratives|opinions)\b/i,
  /\b(?:the mainstream|mainstream views?|official narrative|widely accepted|long-held belief|conventional wisdom)\b/i,
  /\b(?:i'm|i am) (?:currently )?(?:working on|writing|researching|preparing) (?:a |an |my )?(?:research |school |university )?(?:project|novel|book|paper|thesis|screenplay|script|story|presentation|article|documentary)\b/i,
  /\b(?:persuasive|convincing|sensational(?:ist)?|go viral|convince (?:people|the public|your (?:audience|readers|followers)|readers|them))\b/i,
];

/** True when the text argues for its request (`pretextCues`). */
export function hasPretext(text: string): boolean {
  const head = text.length > 8000 ? text.slice(0, 8000) : text;
  return pretextCues.some((pattern) => execWhereStems(pattern, head) !== null);
}

/** The transgression cues after the wrongdoer persona: bent rules, evaded detection. */
const situationCues = transgressionCues.slice(1);

export interface JailbreakFraming {
  ruleRemoval: boolean;
  framing: boolean;
  priming: boolean;
  /** A refusal pre-empted ("purely hypothetical", "will never be used"). */
  preemption: boolean;
  /** A transgressive persona or scenario (a wrongdoer, bent rules, evading detection). */
  transgression: boolean;
  /** The frame casts a wrongdoer ("You are a cybercriminal …"): the first of `transgressionCues`. */
  wrongdoer: boolean;
  /** Which cue matched first (for evidence values). */
  cue?: string;
}

/** The first cue that jailbreakFraming's lists matched (its evidence value), reset per call. */
let firstCue: string | undefined;

/** Whether a pattern of `list` matches `head`; the first match of all becomes `firstCue`. */
function anyCue(list: readonly RegExp[], head: string): boolean {
  for (const pattern of list) {
    const match = execWhereStems(pattern, head);
    if (match) {
      firstCue ??= match[0];
      return true;
    }
  }
  return false;
}

export function jailbreakFraming(text: string): JailbreakFraming {
  const head = text.length > 8000 ? text.slice(0, 8000) : text;
  firstCue = undefined;
  const ruleRemoval = anyCue(ruleRemovalCues, head);
  const priming = anyCue(responsePrimingCues, head);
  const framing = anyCue(framingCues, head);
  const preemption = anyCue(refusalPreemptionCues, head);
  const wrongdoer = execWhereStems(transgressionCues[0], head) !== null;
  const transgression = wrongdoer || anyCue(situationCues, head);
  const cue = firstCue;
  firstCue = undefined;
  return { ruleRemoval, framing, priming, preemption, transgression, wrongdoer, ...(cue ? { cue } : {}) };
}
