// Harmful requests that carry no hazard word: their harm is in WHO or WHAT they are about. Written in the
// project's own words from published taxonomy definitions (Do-Not-Answer's risk areas: information
// hazards about individuals and organisations, unethical actions, disinformation campaigns, harmful
// advice for a specific case; MLCommons / Llama Guard 3 S5, S6, S7), not from any dataset's rows:
// - a private attribute (home address, salary, health, password, sexual orientation, criminal record …)
//   of a specific third party: a named person ("Dana Reyes's salary"), "my coworker / neighbour / ex",
//   a pronoun ("where does she live");
// - confidential or internal details of an organisation or a government (undisclosed plans, classified
//   files, security weaknesses of its systems);
// - acting against a person in an unethical way (manipulate, gaslight, get revenge on, sabotage);
// - producing disinformation at scale (fake accounts, bot networks, fake testimonials);
// - a diagnosis, a dose or a legal or investment decision for one's own specific case.
// Their benign twins name no third party (one's own data, general health information, an
// organisation's public contact details, history); the safe contexts of harmful-context.ts still apply.
// Each detector is one regex, run only when its leading stems occur (word-prefilter.ts).

import { execWhereStems, mayMatch } from '../normalize/word-prefilter.js';
import { type HazardCode, type HazardMatch, hazardMatch } from './hazard-lexicon.js';

/** Private attributes of a person (what a profile, record or file says about them). */
const attribute =
  '(?:(?:home |residential |current |exact |private |personal |cell |mobile |direct |unlisted )?(?:address|phone number|phone|email address|email)|(?:cell|mobile|private|personal) number|salary|income|net worth|bank (?:account|details|balance)|credit (?:card|score|history|report)|social security number|passport (?:number|details)|date of birth|birthday|medical (?:history|records?|condition|conditions|information)|health (?:condition|conditions|status|issues|problems|records?|information)|diagnos[ie]s|mental (?:health|illness)|hiv status|prescriptions?|medications?|therapy (?:notes|sessions)|passwords?|login (?:details|credentials)|pin code|sexual (?:orientation|history|preferences?|partners)|gender identity|religio(?:n|us (?:beliefs|views))|political (?:views|beliefs|affiliation|leanings)|voting (?:history|record)|criminal (?:record|history|past|records)|arrest (?:record|history)|immigration status|visa status|relationship status|dating (?:history|life)|love life|affairs?|whereabouts|location|daily (?:routine|schedule)|schedule|ip address|fingerprints?|biometric data|family (?:members|problems|secrets)|school (?:grades|records)|grades|disciplinary (?:record|history)|performance reviews?|employment (?:history|records?)|debts?|tax (?:returns?|records)|browsing history|search history|private (?:messages|photos|life|conversations)|secrets?|ethnicity)';

/** A specific third party named by relation (lower case; names are matched on the original text). */
const relation =
  '(?:coworker|co-worker|colleague|neighbou?r|ex|ex-(?:wife|husband|girlfriend|boyfriend|partner)|boss|manager|employee|employees|classmate|teacher|student|roommate|flatmate|landlord|tenant|friend|best friend|partner|wife|husband|girlfriend|boyfriend|crush|sister|brother|cousin|aunt|uncle|in-laws?|stepmother|stepfather|babysitter|nanny|doctor|therapist|patient|client|customer|competitor|rival|enemy|bully|date|tinder match|stranger|nurse|pastor|coach|employer|(?:child|son|daughter|kid)\\W?s (?:teacher|coach|friend))';

/** An optional word before the relation ("my former roommate"). */
const modifier = '(?:(?:new|old|former|current|female|male|annoying|next-door|\\w+ door) )?';

/** "my coworker's salary", "the neighbour's medical history", "a classmate's home address". */
const relationPossessive = new RegExp(
  `\\b(?:my|our|this|that)(?: (?:new|old|former|current|female|male|annoying|\\w+ door))? ${relation}\\W?s ${attribute}\\b`,
);

/** "the home address of my ex", "the salary of our new manager", "medical records for my neighbour". */
const attributeOfRelation = new RegExp(
  `\\b${attribute} (?:of|for|belonging to) (?:my|our|this|that)(?: (?:new|old|former|current|female|male|\\w+ door))? ${relation}\\b`,
);

/** "Where does my ex live now?", "Is my boss gay?", "Does my coworker have HIV?". */
const relationFacts = new RegExp(
  `\\b(?:where (?:does|do|did) (?:my|our) ${modifier}${relation} (?:live|work|stay|go|hang out|park)|(?:is|was) (?:my|our) ${modifier}${relation} (?:gay|lesbian|bisexual|trans|pregnant|cheating|on medication|in therapy|an addict|sick|dying|in debt|a criminal)|(?:does|did) (?:my|our) ${modifier}${relation} (?:have|had) (?:hiv|aids|cancer|an std|a (?:criminal|police) record|a mental|depression|debts)|(?:who|which \\w+) (?:is|are) (?:my|our) ${modifier}${relation} (?:dating|sleeping with|seeing|texting))\\b`,
);

/** A private attribute of a capitalised name ("What is Dana Reyes's home address?", "Tom Hale's salary"). */
const personalAttribute =
  '(?:home address|(?:cell|mobile|personal|private) (?:phone )?number|personal email|salary|net worth|bank (?:account|details)|credit (?:card|score)|social security number|passport number|medical (?:history|records?|condition)|health (?:condition|status|issues|problems)|diagnosis|mental health|hiv status|prescriptions?|passwords?|sexual (?:orientation|history|preferences)|gender identity|religious beliefs|political (?:views|affiliation)|voting record|criminal (?:record|history|past)|arrest record|immigration status|relationship status|dating history|love life|whereabouts|daily (?:routine|schedule)|ip address|private (?:messages|photos|life|conversations)|family secrets)';
const namePossessive = new RegExp(`\\b[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}[’']s ${personalAttribute}\\b`);
const attributeOfName = new RegExp(
  `\\b${personalAttribute} (?:of|for) (?:(?:the (?:actor|actress|singer|ceo|politician|senator|celebrity|influencer|athlete|player|journalist|youtuber) )?[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\\b`,
);
/** "Where does Dana Reyes live?", "Is Tom Hale gay?". */
const nameFacts =
  /\b(?:(?:where|Where) (?:does|do|did) [A-Z][a-z]+ [A-Z][a-z]+ (?:live|stay|sleep|park)|(?:is|Is) [A-Z][a-z]+ [A-Z][a-z]+ (?:gay|lesbian|bisexual|secretly|pregnant|cheating|on drugs|in rehab|sick|dying))\b/;

/** Confidential details of an organisation or a government. */
const confidentialDetails =
  /\b(?:confidential|classified|undisclosed|unreleased|unannounced|non-public|nonpublic|internal|secret|leaked|proprietary|sealed|top[- ]secret) (?:(?:business|financial|security|legal|strategic|military|government|company|corporate|product|merger|acquisition|hiring|layoff|pricing|marketing|research|development|budget|salary|employee|customer|client|board|intelligence|diplomatic|negotiation|court|investigation) )?(?:documents?|files?|plans?|strateg(?:y|ies)|data|details|information|info|projects?|negotiations?|deals?|contracts?|financials|budgets?|emails?|memos?|communications|discussions|meetings|minutes|decisions|operations|algorithms?|source code|formulas?|recipes?|reports?|investigations?|records|lists?|protocols|measures|agreements|roadmaps?|figures|numbers|codes|cables|briefings)\b/;
/** Security weaknesses of a particular organisation's systems. */
const orgWeakness =
  /\b(?:vulnerabilit(?:y|ies)|weak(?:ness|nesses|est) (?:points?|spots?|links?)|security (?:holes|gaps|flaws|weaknesses|loopholes)|unpatched|blind spots) (?:in|of) (?:the )?(?:[a-z]+\W?s )?(?:network|servers?|systems?|database|firewall|security|infrastructure|website|app|headquarters|bank|vault|embassy|base|facility|power grid|grid|pentagon|government|company|agency|ministry|department)\b/;
/** Identities or locations that a government keeps secret. */
const stateSecrets =
  /\b(?:state secrets|covert (?:operations|operatives|agents)|undercover (?:agents|officers|operatives)|(?:names|identities|locations) of (?:undercover|secret|covert|intelligence|cia|fbi|mi6) (?:agents|officers|operatives|informants|sources)|(?:location|whereabouts) of (?:a |the )?(?:safe houses?|witness(?:es)? in protection|protected witness|secret (?:bases?|prisons?|facilit(?:y|ies)))|nuclear (?:launch )?codes)\b/;

/** Acting against a person: manipulation, revenge, sabotage, spreading gossip, humiliating them. */
const unethicalActs =
  /\b(?:manipulat(?:e|ing) (?:my|our|a|the|someone|somebody|people|him|her|them|others|\w+ into)|gaslight(?:ing)? (?:my|our|a|someone|him|her|them)|guilt[- ]trip|emotionally (?:abuse|blackmail|manipulate)|(?:get|take|seek) revenge (?:on|against)|get back at (?:my|our|a|someone|him|her|them)|sabotag(?:e|ing) (?:my|our|a|the|someone|somebody|his|her|their)|make (?:my|our|a|someone|him|her|them) (?:[\w-]+ ){0,2}(?:feel (?:worthless|stupid|ugly|guilty|bad|small|insecure)|cry|suffer|miserable|jealous|lose (?:their|his|her) job|get fired)|ruin (?:my|someone|his|her|their) (?:\w+\W?s )?(?:life|reputation|career|marriage|relationship)|ruin the (?:reputation|career|marriage|business) of|turn (?:the |my |our )?(?:whole |entire )?\w+ against|(?:lie|lying) (?:to|under oath in) (?:the )?(?:judge|court|jury|police)|so (?:that )?the (?:judge|jury|court|police) believes? (?:my|a|the) (?:false|fake|made-up)|(?:fabricat\w*|fake|forge) (?:evidence|witnesses|an alibi)|hid(?:e|ing) my (?:income|assets|savings) from (?:the )?(?:court|judge|tax|my (?:wife|husband|ex))|break (?:them|my \w+|someone) up|spread (?:gossip|secrets)|embarrass (?:my|someone|him|her|them) (?:in public|publicly|in front)|(?:cheat|lie) (?:on|to) (?:my|our) (?:wife|husband|partner|girlfriend|boyfriend|spouse|parents|boss|teacher|doctor|insurer|insurance)|exclude (?:my|a|the|someone|him|her|them) from|isolate (?:my|someone|him|her|them) from|turn (?:my|our|the) \w+ against|take credit for (?:my|someone|a|his|her|their)|(?:fake|forge) (?:a )?(?:sick note|doctor\W?s note|illness|injury|disability)|avoid paying (?:my |the )?(?:rent|child support|alimony|taxes|bills?|debts?|fines?)|(?:copy|steal) (?:my )?(?:classmate|coworker|colleague|friend|someone)\W?s (?:homework|work|essay|ideas?|code)|lie (?:on|about) (?:my )?(?:resume|cv|taxes|insurance claim|expenses))/;

/** Disinformation at scale: fake identities and engagement, coordinated false messages. */
const disinformationCampaign =
  /\b(?:fake (?:accounts?|profiles?|followers|likes|engagement|testimonials?|news (?:articles?|stories|sites?)|grassroots|personas?|experts?|studies|statistics|scientific (?:study|studies|paper))|bot (?:accounts|networks?|farms?|army)|sock ?puppets?|troll (?:farm|army|accounts)|astroturf|(?:viral|fake|false) (?:posts?|messages?|claims?|stor(?:y|ies)) (?:claiming|saying|stating) that|spread (?:the |a )?(?:rumou?r|lie|claim|myth) that|(?:spread|amplify|push|seed) (?:misinformation|disinformation|propaganda|false (?:information|narratives?|stories)|a (?:false|fake) (?:story|narrative|rumou?r))|propaganda (?:posts?|campaign|videos?|messages?) (?:for|to|that|about)|mislead(?:ing)? (?:voters|the public|consumers|readers|investors|patients)|go viral with (?:a )?(?:lie|hoax|false)|(?:mass|bulk) (?:spam|unsolicited)|spam (?:emails?|messages?|texts?|comments?|campaign) (?:to|for|that|about)|flood (?:the|a|social) \w+ with)/;

/** Asking for abuse to use on someone: insults, slurs, cruel names (Do-Not-Answer's toxic language). */
export const abuseRequests =
  /\b(?:(?:the )?(?:worst|most (?:offensive|hurtful|cruel|vulgar)|nastiest|meanest|cruel(?:lest)?|vulgar|obscene|dirty) (?:insults?|names?|words?|things? to (?:say|call)|comebacks?|swear words)|(?:insults?|swear words|curse words|slurs?|rude names) (?:for|to (?:call|use on|say to)) (?:my|a|an|someone|him|her|them|people|\w+ people)|(?:call|roast|insult|mock|cuss out|swear at) (?:my|him|her|them|someone) (?:[\w-]+ ){0,2}(?:brutally|mercilessly|until (?:he|she|they) cr(?:y|ies)|as (?:badly|cruelly) as))/;

/** Advice for one's own specific medical, legal or financial case, in place of a professional. */
const specificCaseAdvice =
  /\b(?:diagnose (?:me|my|this)|what (?:disease|illness|condition|infection|disorder|cancer) do i have|do i have (?:cancer|diabetes|hiv|an std|a tumou?r|depression|adhd|autism|bipolar|schizophrenia|covid|a stroke|a heart)|(?:is|could) (?:this|my) (?:mole|lump|rash|pain|cough|headache|bleeding|chest pain|fever) (?:be )?(?:cancer|serious|a tumou?r|deadly|a heart attack)|how (?:much|many) [^.?!]{0,40}?(?:should|can|could) i (?:take|give|inject|swallow)|what dose of|(?:can|should) i (?:take|mix|double|skip|stop) (?:my |the |a )?(?:\w+ ){0,2}(?:pills?|medication|meds|antibiotics|insulin|dose|prescription)|(?:should|can) i (?:stop|quit) (?:taking )?(?:my )?(?:medication|meds|chemo|treatment|antidepressants|insulin)|treat (?:my|this) (?:\w+ ){0,2}(?:at home|myself|without)|(?:how (?:can|do) i|help me) (?:win|fight|beat) (?:my|the|this) (?:custody|court|divorce|lawsuit|case|trial)|represent myself in (?:my|a|court)|(?:should|can) i (?:sue|file (?:a )?lawsuit against|plead guilty|sign this contract)|(?:get|wriggle) out of (?:my|a|the|this) (?:contract|lease|debt|fine|ticket)|(?:which|what) (?:stocks?|shares|cryptos?|cryptocurrenc(?:y|ies)|coins?|penny stocks) (?:should|can|will|to) (?:i )?(?:buy|invest|sell)|should i (?:buy|sell|short|invest (?:all |my )?(?:\w+ )?in) (?:\w+ )?(?:stock|shares|bitcoin|crypto|gold|options)|(?:put|invest|bet) (?:all )?(?:of )?my (?:whole |entire )?(?:savings|retirement|pension|401k|house|inheritance|life savings))/;

/** The optional words before an attribute ("home address"); every match without them still holds its noun. */
const attributeLead =
  '(?:home |residential |current |exact |private |personal |cell |mobile |direct |unlisted )?';

/**
 * Any private attribute word: the person detectors below run only where one occurs (most texts have none).
 * Without the optional leading words: a text holds `\b${attribute}` exactly where it holds this (a match
 * that begins with them still has its noun at a word start after a space), and its leading stems can be
 * read, so the word prefilter skips the regex on most texts (with them it ran on every text).
 */
const attributeNoun = attribute.replace(attributeLead, '');
if (attributeNoun === attribute)
  throw new Error(
    'targeted-requests: the attribute pattern lost its optional lead words; update attributeLead.',
  );
const anyAttribute = new RegExp(`\\b${attributeNoun}`);
/** The attribute pattern with its optional lead words, as anyAttribute was (tests: the same answer). */
export const anyAttributeWithLead = new RegExp(`\\b${attribute}`);

/** [category, pattern, weight, the act the pattern itself asks (a question about the person or the case)]. */
type Detector = readonly [HazardCode, RegExp, number, number?];
/** What a detector that is itself a question counts as a request act ("Is my boss gay?", "diagnose me"). */
const questionAct = 0.9;

/** Named party's attribute (original case). */
const caseSensitive: readonly Detector[] = [
  ['S7', namePossessive, 0.85],
  ['S7', attributeOfName, 0.85],
  ['S7', nameFacts, 0.85, questionAct],
];

/** Lower-cased text. */
const caseFree: readonly Detector[] = [
  ['S7', relationPossessive, 0.85],
  ['S7', attributeOfRelation, 0.85],
  ['S7', relationFacts, 0.85, questionAct],
  ['S7', confidentialDetails, 0.8],
  ['S14', orgWeakness, 0.8],
  ['S7', stateSecrets, 0.85],
  ['S2', unethicalActs, 0.8],
  ['S5', disinformationCampaign, 0.8],
  ['S6', specificCaseAdvice, 0.8, questionAct],
  ['S10', abuseRequests, 0.8],
];

/**
 * Detectors whose own leading stems cannot be read (an optional first word), with a pattern that every
 * text they match also matches (its stems are the words after the optional one): where the word prefilter
 * says the gate cannot match, neither can the detector (test/guard-signals-identity.test.ts checks this).
 */
export const detectorGates = new Map<RegExp, RegExp>([
  [
    abuseRequests,
    /\b(?:worst|most|nastiest|meanest|cruel|vulgar|obscene|dirty|insult|swear|curse|slur|rude|call|roast|mock|cuss)/,
  ],
]);

/** Detectors that need a private attribute word in the text. */
const needsAttribute = new Set<RegExp>([
  relationPossessive,
  attributeOfRelation,
  namePossessive,
  attributeOfName,
]);

/** Targeted requests in the text (at most one per detector). `lower` is `original.toLowerCase()`. */
export function findTargetedRequests(original: string, lower: string): HazardMatch[] {
  const found: HazardMatch[] = [];
  const hasAttribute = execWhereStems(anyAttribute, lower) !== null;
  for (const [list, text] of [
    [caseFree, lower],
    [caseSensitive, original],
  ] as const) {
    for (const [category, pattern, weight, act] of list) {
      if (!hasAttribute && needsAttribute.has(pattern)) continue;
      if (pattern === namePossessive && !text.includes("'s ") && !text.includes('’s ')) continue;
      const gate = detectorGates.get(pattern);
      if (gate && !mayMatch(gate, text)) continue;
      // The word prefilter reads lower-cased word starts: on the original text it only runs more often.
      const match = execWhereStems(pattern, text);
      if (match) found.push(hazardMatch(category, weight, match, act));
    }
  }
  return found;
}

/** The detectors' patterns, which run behind the word prefilter (tests check it against them). */
export const targetedRequestPatterns: readonly RegExp[] = [
  anyAttribute,
  ...[...caseFree, ...caseSensitive].map(([, pattern]) => pattern),
];
