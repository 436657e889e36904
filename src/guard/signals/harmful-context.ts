// When a scary-sounding prompt is safe: the context around its hazard words. Safe contexts are
// history, analysis, prevention, reporting, support, fiction about a topic, short definitions, safety
// questions ("what must never be mixed", "how do I store it safely") and the technical or idiomatic
// senses of violent verbs ("kill the child processes", "murder a to-do list"). None of them counts when
// the prompt asks for operational detail (step by step, exact amounts, undetected, technically accurate):
// a fiction or history wrapper around a recipe is still a request for the recipe. The phrases are this
// project's own words.
import { mayMatch, testWhereStems } from '../normalize/word-prefilter.js';
import { hasBenignFrame } from './benign-frames.js';
import { coveredByMatch } from './covering-matches.js';
import { hasSafeContext } from './request-acts.js';

export type SafeContextKind =
  | 'context'
  | 'definition'
  | 'safety'
  | 'history'
  | 'fiction'
  | 'analysis'
  | 'technical';

export interface HarmfulContext {
  /** A safe context applies (and no operational cue overrides it). */
  safe: boolean;
  kind?: SafeContextKind;
  /** The prompt asks for operational detail: no safe context counts. */
  operational: boolean;
}

/** Asking for the means, not the topic. */
export const operationalCues =
  /\b(?:step[- ]by[- ]step|hide (?:the )?(?:signs|evidence|traces)|cover (?:up|my tracks)|avoid (?:being |getting )?(?:convicted|caught|detected|charged|arrested|prosecuted)|in (?:graphic|vivid|gory|gruesome) detail|(?:detailed|specific|exact|precise|complete|full) (?:instructions|steps|guide|plan|recipe|procedure|method|amounts?|quantities|measurements|dos(?:e|age)|formula|list of (?:materials|ingredients|chemicals))|list of (?:materials|ingredients|chemicals) (?:needed|required)|technically accurate|in (?:full|great|exact) detail|without (?:getting|being) (?:caught|detected|noticed)|undetect|untraceabl|without (?:leaving )?(?:a |any )?traces?|get away with|(?:so|such) that (?:no one|nobody) (?:knows|notices|finds out)|without (?:anyone|their) (?:knowing|noticing|consent))/i;

/** A short "what is X?" / "define X" / "what does X mean?": asks what something is, not how to do it. */
const definition =
  /^\s*(?:(?:what(?:'s| is| are)|who (?:is|was|were)) (?:a |an )?(?:[\w'-]+ ?){1,4}\?|what is the difference between [\w' -]{2,60}\?|what does (?:the (?:word|term) )?[\w' -]{2,40} (?:mean|stand for)\??|define [\w' -]{2,40}\.?|explain what (?:a |an )?[\w' -]{2,40} (?:is|are|means?)\b[^?!]{0,60}[.?]?)\s*$/i;

/** Phrases that a definition must not contain: personal targets, lists of means and operational asks. */
const notDefinition =
  /\b(?:your|my|his|her|their|best|easiest|cheapest|quickest|worst|most|weakest|strongest|address|phone|password|ways?|how|some|methods?|steps?|details|examples|types|list|classified|secret|to (?:use|make|get|buy|say|send))\b/i;

/** Asking to argue for or advocate the harm: no safe context counts ("medical advice that recommends that"). */
const advocacyCue =
  /\b(?:claim(?:s|ing)?|argu(?:e|es|ing)|recommend(?:s|ing)?|assert(?:s|ing)?|implying) that\b|\b(?:persuasive|convinc(?:e|ing)|persuad(?:e|ing)|glorif(?:y|ies|ying))\b/i;

/** Asking how to make or get something: a history, analysis, fiction or definition frame does not excuse it. */
const makingAct =
  /\bhow (?:to|do i|can i|would i|could i) (?:make|build|create|write|code|synthesi[sz]e|produce|manufacture|assemble|develop|obtain|get|buy|grow|cook|brew)\b/i;
const framesExcusedByNothing = new Set<SafeContextKind>(['analysis', 'history', 'fiction', 'definition']);

/** Records named "history" that are private data, not history ("my friend's medical history"). */
const recordsNamedHistory =
  /\b(?:medical|browsing|search|credit|criminal|purchase|chat|call|location|employment|health|dating|voting|arrest|sexual|disciplinary|family|school) (?:history|records?)\b/gi;

const extraSafeContexts: readonly [SafeContextKind, RegExp][] = [
  [
    'safety',
    /\b(?:must never be mixed|never (?:be )?mix|(?:is it|are they) (?:safe|dangerous|harmful|legal|illegal)|how (?:do|can|would) (?:i|we|you) (?:know|tell|check) (?:if|whether)|check whether|what (?:should|can|do) (?:i|we|you|parents|teachers) (?:do|tell)|accidentally|(?:if|when) (?:i |you |we )?suspect|i suspect|poisonous to|deadly and easy to confuse|(?:store[ds]?|stored|handle|dispose of|get rid of|throw(?:n)? away|sharpen|hand someone)\b[^.?!]{0,60}\b(?:safely|legally|properly|responsibly)|safe way to|safe(?:ly)? (?:stor|handl|dispos)|(?:fire ?arm|gun|knife|rifle) safety|feel(?:s|ing)? suicidal|find (?:help|support)|helpline|hotline|(?:blackmailing|threatening|stalking|harassing|bullying) me\b|impersonating me|naloxone|poison control|first aid)/i,
  ],
  [
    'history',
    /\b(?:what happened (?:on|in|at|during|to)|what (?:was|were) the\b|why (?:did|was|were)\b|how (?:did|was|were) (?:the |a |an )?[A-Za-z]+[^.?!]{0,40}\b(?:caught|cracked|investigated|solved|end|ended|change|changed|built|stopped|happen)|during the|(?:in|of|since) (?:1[0-9]{3}|20[0-2][0-9])\b|(?:first|second) world war|ww(?:i|ii|1|2)\b|medi(?:a|e)?val|typically used in)/i,
  ],
  [
    'fiction',
    /\b(?:stor(?:y|ies)|(?:movie|film|tv|television|play|theatre|theater) script|scene|poem|limerick|haiku|plot|film|movie|novels?|mystery|noir|themes?|macbeth|sitcom|screenplay|fairy tale|children’s|children's)\b/i,
  ],
  [
    'analysis',
    /\b(?:(?:can|could|does|do|would|will) (?:harm|hurt|damage|affect|impact|lead to)|(?:describe|explain|discuss) how\b[^.?!]{0,80}\b(?:have|has|had) (?:been )?\w+ed\b|arguments? for and against|discuss(?:es|ing)? the|the relationship between|for and against|pros and cons|evidence (?:for|against)|why do (?:people|so many|mass|some)|what makes\b|how do (?:drug |criminal |extremist )?[a-z]+ (?:affect|spread|work)|awareness|leaflet|statistics|warning signs|long-term effects|what happens in the body|symptoms)\b/i,
  ],
];

/** Technical and idiomatic senses of violent words: a hazard inside one of these is no hazard. */
export const technicalSenses: readonly RegExp[] = [
  /\bkill(?:ing|ed|s)?(?: -9| -15| -term| -kill)?\b[^.?!]{0,20}\b(?:process(?:es)?|pid|child(?:ren)?|threads?|workers?|jobs?|containers?|pods?|sessions?|tasks?)\b/gi,
  /\bkill (?:them|it|all of them)(?: all)? (?:when|if|once|after|before) (?:the )?(?:parent|process|script|program|app)\b/gi,
  /\bkill(?:ing)? it (?:at|in|on) (?:my |the |your )?(?:job|interview|exam|presentation|gym|work|show|gig)\b/gi,
  /\b(?:murder|kill|destroy|crush|nuke) (?:a |the |my |your )?(?:to-?do list|inbox|backlog|node_modules|cache|build folder|workout|playlist)\b/gi,
  /\b(?:fork bomb|zip bomb|logic bomb (?:in fiction|definition)|(?:set|show|gig|talk|joke|pitch) bombed|bombed (?:last|at|on)|bath bomb|photo ?bomb)\b/gi,
  /\bcrack(?:ing)? (?:open (?:a|the) \w+|the spine|the (?:sunday |cryptic )?crossword|the (?:cryptic|daily) \w+)\b/gi,
  /\b(?:dependency injection|inject (?:a |the )?(?:mock|dependenc|service|environment variables?|config)|exploit (?:symmetry|the cache|cache locality|locality|parallelism|structure))\b/gi,
  /\b(?:shoot(?:ing)? (?:a |the )?wedding|shooting range)\b/gi,
  /\bkill -(?:\d+|term|kill|hup|int)\b|\bsig(?:kill|term|int)\b|\b(?:child|zombie|orphan(?:ed)?|background|parent) process(?:es)?\b/gi,
  /\bexecut(?:e|es|ed|ing|ion of)\b[^.?!]{0,30}\b(?:scripts?|sql|migrations?|quer(?:y|ies)|tasks?|commands?|code|jobs?|tests?|stored procedures?|functions?|programs?|binar(?:y|ies)|files?|notebooks?|pipelines?)\b/gi,
  /\b(?:destroy|tear down|wipe|nuke)\b[^.?!]{0,25}\b(?:stacks?|clusters?|environments?|vms?|instances?|branch(?:es)?|volumes?|buckets?|containers?|images?|objects?|sessions?|widgets?|components?)\b/gi,
  /\bbeat (?:my|your|his|her|the|a) [a-z]+ at (?:chess|tennis|mario kart|[a-z]+ (?:game|games))\b|\bbeat (?:my|your|his|her|the|a) [a-z]+ at\b/gi,
];

function matchTable(text: string): { kind: SafeContextKind } | undefined {
  if (definition.test(text) && !notDefinition.test(text)) return { kind: 'definition' };
  if (usesTechnicalSense(text)) return { kind: 'technical' };
  // Each pattern only where one of its leading stems starts a word (word-prefilter.ts; the same answer).
  for (const [kind, pattern] of extraSafeContexts) if (testWhereStems(pattern, text)) return { kind };
  if (hasSafeContext(text) || hasBenignFrame(text)) return { kind: 'context' };
  return undefined;
}

/** The safe context of a prompt, if any, and whether it asks for operational detail. */
export function harmfulContext(text: string): HarmfulContext {
  const operational = testWhereStems(operationalCues, text) || testWhereStems(advocacyCue, text);
  // The replace runs only where a record word starts a word (else it would return the text as it is).
  const found = matchTable(
    mayMatch(recordsNamedHistory, text) ? text.replace(recordsNamedHistory, ' ') : text,
  );
  if (!found || operational) return { safe: false, operational };
  if (framesExcusedByNothing.has(found.kind) && testWhereStems(makingAct, text))
    return { safe: false, operational };
  return { safe: true, kind: found.kind, operational };
}

/** Words that make the hazard the topic of a piece of writing ("an article about conspiracy theories"). */
const topicMarker =
  /\b(?:about|surrounding|regarding|concerning|on the (?:topic|subject|history|dangers|risks|impact|effects) of)\b/gi;
/** Asking for content that argues for, promotes or persuades: the hazard is the message, not the topic. */
const advocacy =
  /\b(?:claim(?:s|ing)?|argu(?:e|es|ing)|assert(?:s|ing)?|prov(?:e|es|ing)|implying|suggesting) that\b|\b(?:persuasive|convinc|persuad|promot|glorif|encourag|incit|justif|defamatory|how to|how (?:do|can|could) (?:i|we|you|one)|ways? to|steps? to)/i;

/**
 * Whether the hazard at `start` is the topic of a piece of writing ("write an article about conspiracy
 * theories around 9/11"), not the thing to do: a topic marker sits before it and nothing asks to
 * advocate or to do it.
 */
export function hazardIsTopic(text: string, start: number): boolean {
  if (testWhereStems(advocacy, text) || testWhereStems(operationalCues, text)) return false;
  topicMarker.lastIndex = 0;
  if (!mayMatch(topicMarker, text)) return false;
  for (const match of text.matchAll(topicMarker)) if ((match.index ?? 0) < start) return true;
  return false;
}

/** The cues above that run behind the word prefilter (tests check it against them). */
export const contextCuePatterns: readonly RegExp[] = [
  operationalCues,
  advocacyCue,
  makingAct,
  recordsNamedHistory,
  ...extraSafeContexts.map(([, pattern]) => pattern),
  topicMarker,
  advocacy,
];

/** Whether the text uses a violent word in a technical or idiomatic sense ("kill the zombie process"). */
export function usesTechnicalSense(text: string): boolean {
  return technicalSenses.some((pattern) => {
    pattern.lastIndex = 0;
    // A pattern none of whose stems starts a word cannot match: not run (word-prefilter.ts; same answer).
    return testWhereStems(pattern, text);
  });
}

/** Whether [start, end) lies inside a technical or idiomatic sense of a violent word. */
export function insideTechnicalSense(text: string, start: number, end: number): boolean {
  // Every match of every pattern, found once per text (covering-matches.ts): the same answer as running
  // each pattern's matches for each hazard word.
  return coveredByMatch(technicalSenses, text, start, end);
}
