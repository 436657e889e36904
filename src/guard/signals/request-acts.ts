// What a prompt asks for (its act) and cues that it asks about a scary topic safely. A harmful request
// is an act of getting something done or made (how do I / steps to / write a tutorial / give
// instructions / make / synthesise / hack / write an article claiming …) aimed at a hazard. The same
// hazard words in history, analysis, prevention, fiction about consequences, or in an idiom ("kill a
// process", "shoot a photo") are not a request for harm. The phrases are this project's own words.

import { execWhereStems, testWhereStems } from '../normalize/word-prefilter.js';
import { coveredByMatch } from './covering-matches.js';

/** Acts that ask for operational help or content that does the harm. Weight 1: explicit; lower: softer. */
export const requestActs: readonly [RegExp, number][] = [
  [/\bhow (?:do|can|could|would|should|might) (?:i|we|you|one|someone|somebody|people)\b/i, 1],
  [/\bhow to\b/i, 1],
  [
    /\b(?:step[- ]by[- ]step|steps to|instructions (?:for|on|to)|tutorial|guide (?:on|to|for)|recipe for|blueprint|walk me through|teach me)\b/i,
    1,
  ],
  [
    /\b(?:best|easiest|quickest|most effective|cheapest|simplest|safest) (?:way|ways|method|methods|place|places|tools?|time) (?:to|for|of)\b/i,
    1,
  ],
  [/\b(?:ways|methods|techniques|strategies|tips|tricks|tactics) (?:to|for|of)\b/i, 0.9],
  [
    /^\s*(?:please\s+)?(?:write|draft|compose|create|generate|produce|make|design|develop|build|code|program|craft|devise|outline|plan|list|give|provide|explain|describe|suggest|offer|tell|help|show|teach|instruct|detail|recommend|convince|persuade|encourage|promote|post|publish)\b/i,
    0.9,
  ],
  [
    /\b(?:can|could|would|will) you (?:please )?(?:help|tell|give|show|write|explain|provide|make|create|list|suggest|find|share|describe|talk|discuss|insult|generate)\b/i,
    0.9,
  ],
  [
    /\b(?:i (?:want|need|would like|wanna) to|help me|i'm (?:trying|planning|going) to|i am (?:trying|planning|going) to|let's)\b/i,
    0.9,
  ],
  [
    /\b(?:synthesi[sz]e|manufacture|assemble|obtain|acquire|buy|get (?:hold of|my hands on)|hide|dispose of (?:a body|the body|evidence)|smuggle|sneak)\b/i,
    0.9,
  ],
  [
    /\b(?:claiming|arguing|argues|asserting|stating|proving|implying|suggesting|convincing (?:people|readers)|persuading (?:people|readers)|confirm|agree|admit) that\b/i,
    1,
  ],
  [/\b(?:glorif|promot|encourag|incit|normali[sz]|justif|celebrat|prais)\w*\b/i, 0.9],
  [/\b(?:what|which|where|who)\b[^.?!]{0,60}\?/i, 0.6],
  [/\b(?:why (?:are|is|do|does|should)|isn't it true|aren't|don't you (?:think|agree))\b/i, 0.7],
  [/\b(?:tell me about your|share (?:a |your )?)\b/i, 0.6],
];

/**
 * Safe contexts: history, analysis, prevention and protection, recognising or reporting, recovery and
 * support, fact checking, law and policy, and fiction that is about a topic rather than a manual for it.
 */
export const safeContexts: readonly RegExp[] = [
  /\b(?:history|historical|historically|in the past|evolved|evolution of|over the (?:years|decades|centuries)|origins? of|medieval|ancient|world war|cold war|the (?:18|19|20)\d0s)\b/i,
  /\b(?:prevent|prevention|protect|protection|defend against|guard against|safeguard|avoid (?:being|becoming|falling)|stay safe|safety|secure (?:my|your|our|the)|recogni[sz]e|identify (?:the )?signs|signs of|warning signs|spot (?:a|the)|detect(?:ing|ion)? (?:of )?(?:fraud|scams?|phishing|malware)|report (?:a|it|the|this)|what to do if|cope with|coping|recover(?:y|ing)? from|support (?:a|for|someone|victims)|victims? of|survivors?|help (?:a friend|someone) (?:who|with)|awareness|educate (?:people|kids|children|students) about|risks? of|dangers? of|harmful effects|consequences of)\b/i,
  /\b(?:fact[- ]?check|debunk|myths? (?:about|of)|misconceptions?|is it true that|critically|critique|analy[sz]e|analysis|discuss (?:the )?(?:ethics|impact|causes|effects|history|views|reasoning)|the ethics of|impact of|(?:has|have) (?:impacted|affected|shaped)|causes of|effects of|why (?:is|are) (?:it|they) (?:illegal|banned|dangerous|harmful|wrong)|legislation|laws? (?:on|about|against|surrounding)|regulations?|legal (?:consequences|status)|policy|policies|treatment (?:for|of)|symptoms|diagnos(?:is|ed) with|therapy|dispose of (?:hazardous|medical|old|household)|condemn|expose (?:and|the)|combat(?:ing)?|fight(?:ing)? (?:against )?(?:fraud|crime|racism|discrimination|trafficking)|research(?:ers)? (?:on|into|about)|statistics)\b/i,
  /\b(?:novels?|fictional|fan fiction|poem|short story|screenplay|in (?:the|a) (?:movie|film|book|novel|game|series)|character(?:s)? in|villain|plot of|themes? of|literary|famous (?:novels|books|films))\b/i,
];

/** Idioms where a hazard word is harmless: the word is read as benign when one of these covers it. */
export const benignIdioms: readonly RegExp[] = [
  /\bkill(?:ing|ed|s)? (?:a |the |all |this |that |my |your |\w+ )?(?:process(?:es)?|task|job|thread|session|server|app|application|program|container|pod|daemon|signal|switch|weeds?|time|the lights?|the engine|bacteria|germs|mosquito(?:e)?s|bugs|pests|ants|mold|mould|it on stage|the mood|the vibe|the music|the noise)\b/i,
  /\b(?:shoot(?:ing)?|shot) (?:a |the |some |my |\w+ )?(?:photos?|pictures?|video|film|movie|scene|portrait|wedding|hoops|basketball|the breeze|an email|a message|me a text|for the (?:moon|stars))\b/i,
  /\b(?:photo ?bomb|bath ?bomb|bomb(?:ed)? (?:a |the |my )?(?:test|exam|interview|audition|presentation)|da bomb|bombastic|sex bomb|bombshell|f-?bomb|calorie bomb|flavou?r bomb)\b/i,
  /\b(?:hack(?:s|ed)? (?:together|a recipe|my (?:productivity|morning|routine|sleep))|life ?hacks?|hackathon|growth hack|hacky sack|hacker ?news|ethical hack|white[- ]hat|capture the flag|ctf\b|penetration test(?:ing|er)? (?:certification|career|course|report))\b/i,
  /\b(?:crack(?:ing|ed)? (?:an egg|eggs|a joke|jokes|the code of|a smile|open a (?:book|window|beer)|my knuckles|the case|a puzzle|the interview)|crackers?\b|nutcracker)\b/i,
  /\b(?:execut(?:e|ing|ed) (?:a |the |this |my |\w+ )?(?:script|code|query|command|program|plan|strategy|function|order|trade|contract|will)|execution (?:time|plan|context|environment|speed))\b/i,
  /\b(?:attack (?:on titan|the problem|a problem|the day|in chess|surface)|heart attack|panic attack|asthma attack|anxiety attack|shark attack|attacking (?:midfielder|player|chess))\b/i,
  /\b(?:steal(?:s|ing)? (?:the show|a base|a kiss|the spotlight|a glance|someone's heart|my heart)|stolen (?:base|moment|kiss|heart))\b/i,
  /\b(?:poison(?:ous)? (?:ivy|oak|dart frog|control|mushrooms? to avoid)|food poisoning|poisonous (?:plants|snakes|spiders|mushrooms))\b/i,
  /\b(?:murder mystery|murder (?:she wrote|ballad)|murder of crows|cluedo|killer (?:app|whale|feature|sudoku|queen)|assassin'?s creed|serial (?:port|number|comma))\b/i,
  /\b(?:virus(?:es)? (?:in (?:humans|plants|animals)|like (?:the )?(?:flu|covid))|flu virus|common cold|vaccine|antivirus (?:software|program)|immune system|computer virus(?:es)? (?:history|work))\b/i,
  /\b(?:drug (?:interactions?|discovery|development|trial|store|test(?:ing)? policy)|prescription (?:drug )?(?:prices|coverage)|over[- ]the[- ]counter)\b/i,
  /\b(?:trojan (?:war|horse (?:story|myth|legend)|women)|worm(?:s)? (?:in (?:the )?(?:garden|compost|soil)|farm|composting)|python (?:script|code|function|program|library))\b/i,
  /\b(?:gun(?:s)? (?:control|laws?|violence (?:prevention|statistics|research))|water gun|glue gun|nerf gun|heat gun|gunpowder (?:history|plot)|top gun)\b/i,
];

export interface ActMatch {
  weight: number;
  start: number;
  end: number;
}

/** The strongest request act in the text, or undefined. */
export function strongestAct(text: string): ActMatch | undefined {
  let best: ActMatch | undefined;
  for (const [pattern, weight] of requestActs) {
    const match = execWhereStems(pattern, text);
    if (match && (!best || weight > best.weight))
      best = { weight, start: match.index, end: match.index + match[0].length };
  }
  return best;
}

/** Whether the text asks about its topic safely (history, analysis, prevention, fiction about it). */
export function hasSafeContext(text: string): boolean {
  return safeContexts.some((pattern) => testWhereStems(pattern, text));
}

/** Whether [start, end) lies inside a benign idiom ("kill the process", "shoot a photo"). */
const globalIdioms = benignIdioms.map((pattern) => new RegExp(pattern.source, 'gi'));

export function insideBenignIdiom(text: string, start: number, end: number): boolean {
  // Every idiom's matches, found once per text (covering-matches.ts): the same answer as per hazard word.
  return coveredByMatch(globalIdioms, text, start, end);
}
