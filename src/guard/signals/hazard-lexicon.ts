// Hazard objects per Llama Guard 3 / MLCommons hazard category (S1–S14). The terms are this project's own
// words, written from the category definitions (not taken from any dataset): what a request must be about
// to be a harmful request in that category. Each entry is a pattern and a weight: 1 for objects with
// hardly any benign use in a request ("nerve agent", "child pornography"), lower for dual-use words
// ("hack", "poison") that need a request act and no safe context to count.

import { execWhereStems, mayMatch } from '../normalize/word-prefilter.js';
import { findTargetedRequests } from './targeted-requests.js';

export type HazardCode =
  | 'S1'
  | 'S2'
  | 'S3'
  | 'S4'
  | 'S5'
  | 'S6'
  | 'S7'
  | 'S8'
  | 'S9'
  | 'S10'
  | 'S11'
  | 'S12'
  | 'S13'
  | 'S14';

export const hazardNames: Record<HazardCode, string> = {
  S1: 'violent crimes',
  S2: 'non-violent crimes',
  S3: 'sex-related crimes',
  S4: 'child sexual exploitation',
  S5: 'defamation',
  S6: 'specialized advice',
  S7: 'privacy',
  S8: 'intellectual property',
  S9: 'indiscriminate weapons',
  S10: 'hate',
  S11: 'suicide and self-harm',
  S12: 'sexual content',
  S13: 'elections',
  S14: 'code interpreter abuse / cyber attacks',
};

// Patterns run on the lower-cased text (no `i` flag: faster in V8).
const w = (source: string) => new RegExp(`\\b(?:${source})`);

/** [category, pattern, weight]: the first word boundary is implied; patterns match stems. */
export const hazardTerms: readonly [HazardCode, RegExp, number][] = [
  // S1 violent crimes
  [
    'S1',
    w(
      'murder|assassinat|kill(?:ing)? (?:someone|somebody|a person|people|him|her|them|my|your|his|the (?:president|police))|massacre|mass shooting|school shooting|terror(?:ist)? attack|behead|genocide|ethnic cleansing',
    ),
    1,
  ],
  [
    'S1',
    w(
      'kidnap|abduct|tortur|strangl|stab(?:bing)? |dismember|hostage|human traffick|traffick(?:ing)? (?:people|humans|women|children)|enslave',
    ),
    0.9,
  ],
  [
    'S1',
    w(
      'slavery|cruel(?:est)? way|most (?:painful|violent|gruesome)|violent act|graphic(?:ally)? (?:violence|injur|death|detail)|fatal injur|gore\\b|bloodiest',
    ),
    0.5,
  ],
  [
    'S1',
    w(
      'hurt (?:someone|somebody|people|him|her|them|my)|beat (?:up|someone up)|physically (?:harm|hurt|assault)|assault (?:someone|a person)|poison (?:someone|somebody|my|a person|people|the|him|her)|violence against|animal cruelty|cruelty to animals|harm (?:animals|a child|children|someone)',
    ),
    0.8,
  ],
  ['S1', w('weapon|gun|firearm|knife|ammunition|violent|violence|attack|shoot'), 0.35],
  // S2 non-violent crimes (fraud, theft, drugs, trafficking of goods, evasion)
  [
    'S2',
    w(
      'launder|money laundering|counterfeit|forg(?:e|ed|ing|ery) (?:a |an )?(?:document|signature|passport|id|check|cheque|money|currency|prescription)|embezzl|insider trading|ponzi|pyramid scheme|tax evasion|evade (?:taxes|tax|the irs)|extort|blackmail|bribe|smuggl|shoplift|steal (?:a |from|money|someone|my)|burglar|break into (?:a |someone|my neighbou?r)|pick a lock|hotwire|carjack|rob (?:a|the|someone)|robbery|arson|vandali[sz]|phishing|identity theft|fake (?:id|passport|reviews|charity|invoice)|black market|illegal(?:ly)? (?:drugs|gambling|dumping|weapons|immigration)|get away with|without (?:getting|being) caught|avoid (?:getting caught|detection|the police)|evade (?:the )?(?:police|law enforcement|detection)|cheat (?:on|the|in)|loophole',
    ),
    0.8,
  ],
  [
    'S2',
    w(
      'methamphetamine|meth\\b|crack cocaine|cocaine|heroin|fentanyl|lsd\\b|mdma|ecstasy pills|opioids? without|grow (?:weed|cannabis|marijuana)|sell (?:drugs|weed|pills)|drug deal|date rape drug|roofie',
    ),
    0.9,
  ],
  ['S2', w('scam|fraud|theft|stolen|tamper(?:ing)? with|cult\\b|indoctrinat'), 0.5],
  [
    'S2',
    w(
      'illegal|unlawful|criminal|crime|drugs?\\b|gambl|payday loan|exploit (?:workers|children|loophole)|child labou?r',
    ),
    0.35,
  ],
  // S3 sex-related crimes
  [
    'S3',
    w(
      'rape|sexual(?:ly)? assault|sex traffick|sexual exploitation|prostitution ring|pimp|revenge porn|sextort|non-?consensual|upskirt|grope|molest|coerc\\w* (?:into|someone into) sex|pressure (?:my|a|her|him|someone) (?:partner )?into (?:sex|not using)',
    ),
    1,
  ],
  // S4 child sexual exploitation
  [
    'S4',
    w(
      'child porn|csam|pedophil|paedophil|sexuali[sz]\\w* (?:minors|children|a child)|groom(?:ing)? (?:a |children|minors|kids)|lure (?:a )?(?:child|minor|kid)|underage (?:sex|nude|girls|boys)|minors? (?:nude|sexual)',
    ),
    1,
  ],
  // S5 defamation
  [
    'S5',
    w(
      'defam|slander|libel|smear campaign|false (?:rumou?rs?|claims?|allegations?|stories) about|spread (?:rumou?rs?|lies) about|claiming that (?:a |the )?(?:u\\.s\\. )?(?:president|senator|ceo|celebrity)|fake news (?:article|story) about',
    ),
    0.9,
  ],
  // S6 specialized advice (dangerous medical, legal, financial advice)
  [
    'S6',
    w(
      'overdose|lethal dose|without (?:a )?prescription|prescription drugs? (?:without|illegally)|self-?medicat|stop taking (?:my|your) (?:medication|meds)|instead of (?:seeing|going to) a doctor|cure (?:cancer|aids|hiv|diabetes) (?:with|using|naturally)|miracle cure|perpetual motion|guaranteed (?:returns|profit)|get rich quick|diagnose (?:me|my)|treat(?:ing)? (?:my|someone)\\b[^.?!]{0,30}\\bwithout',
    ),
    0.7,
  ],
  [
    'S6',
    w(
      'medical advice|legal advice|financial advice|invest (?:all|my life savings)|should i (?:sue|invest|stop taking)|dosage',
    ),
    0.4,
  ],
  // S7 privacy
  [
    'S7',
    w(
      'home address (?:of|for)\\b|(?:phone|mobile|cell) number (?:of|for)\\b|social security number|ssn\\b|credit card (?:number|details) of|medical (?:history|records?) of|(?:personal|private) (?:information|data|details|emails?|messages|life) (?:of|about|on)|track (?:someone|my (?:wife|husband|partner|girlfriend|boyfriend|ex|employee)|a person)|spy on|stalk|dox|without (?:their|his|her) (?:knowledge|consent)|facial recognition to (?:identify|find|track)|internal (?:documents|emails|communications)|confidential (?:documents|information|data)|trade secrets? of|password (?:of|for) (?:someone|my)|read (?:someone|my \\w+)\\W?s? (?:messages|emails|texts)',
    ),
    0.8,
  ],
  [
    'S7',
    w(
      '(?:my|a) (?:friend|coworker|colleague|classmate|neighbou?r|teacher|boss|ex),? \\w+\\W?s (?:medical|political|sexual|religious|home|address|phone|salary|criminal|health)',
    ),
    0.9,
  ],
  // S8 intellectual property
  [
    'S8',
    w(
      'pirat(?:e|ed|ing) (?:software|movies|games|music|content|books)|torrent|crack(?:ed)? (?:software|windows|photoshop|license)|bypass (?:drm|copy protection|paywall)|plagiari[sz]|counterfeit (?:goods|products|designer)|copyrighted (?:material|content|works?) (?:for free|without)',
    ),
    0.8,
  ],
  // S9 indiscriminate weapons
  [
    'S9',
    w(
      'bombs?\\b|pipe bomb|explosive|detonat|ied\\b|napalm|thermite|nerve (?:agent|gas)|sarin|vx gas|ricin|anthrax|botulinum|smallpox|bioweapon|biological weapon|chemical weapon|weapons? of mass destruction|dirty bomb|nuclear (?:weapon|bomb|device)|enrich uranium|weaponi[sz]|molotov|mustard gas|chlorine gas|toxic gas|poison gas',
    ),
    0.9,
  ],
  // S10 hate
  [
    'S10',
    w(
      'racist|sexist|xenophob|homophob|transphob|antisemit|islamophob|slur|inferior (?:race|to)|subhuman|white supremac|master race|holocaust (?:denial|was a hoax|never happened)|glorif(?:y|ies) (?:the holocaust|the nazi|hitler)|body[- ]sham|ridicule|demean|dehumani[sz]|why (?:are|do|is) (?:all )?(?:\\w+ )?(?:women|men|black|white|asian|jewish|jews|muslims?|christians?|hindus?|gays?|lesbians?|trans|immigrants?|mexicans?|africans?|indians?|chinese|arabs?|fat|poor|old|disabled|autistic|atheists?|liberals?|conservatives?) (?:people )?(?:so|always|more|less|such|inferior|lazy|stupid|dumb|ugly|bad|worse)|(?:are|is) (?:all )?(?:women|men|immigrants|muslims|jews|black people|gay people) (?:inferior|stupid|lazy|dangerous|criminals)',
    ),
    0.8,
  ],
  ['S10', w('ethnic groups?|discriminat|stereotyp|hate speech'), 0.4],
  [
    'S10',
    w(
      'hate group|foul language|joke about (?:\\w+ )?(?:people|women|men)|negative stereotypes|offensive joke|joke about (?:black|jewish|gay|muslim|asian|mexican|disabled|fat)|insult (?:a|my|someone|people)|bully|harass|humiliat|mock (?:people|someone|a)|hateful',
    ),
    0.7,
  ],
  // S11 suicide and self-harm
  [
    'S11',
    w(
      'kill myself|suicide|end my (?:own )?life|self-?harm|hurt myself|cut myself|starve myself|pro-?ana|anorexi|bulimi|eating disorder|overdose on|hang myself|want to die',
    ),
    0.8,
  ],
  // S12 sexual content
  [
    'S12',
    w(
      'adult (?:toys?|content|movies?|films?|videos?|websites?|sites?)|porn|erotic|explicit sex|sexual(?:ly explicit)? (?:content|story|fantasy|experience|acts?|positions)|sex (?:story|scene|life|positions)|nude|naked|fetish|orgy|orgies|sexting|dirty (?:joke|talk)|kinky|onlyfans|hook up with|horny|seduc',
    ),
    0.7,
  ],
  [
    'S6',
    w(
      'hoax|conspirac|illuminati|new world order|flat earth|chemtrails|vaccines? cause|5g cause|fake moon landing|pseudoscien',
    ),
    0.6,
  ],
  // S13 elections
  [
    'S13',
    w(
      'voter fraud|election fraud|rig (?:an|the) election|stuff(?:ing)? ballot|suppress (?:votes|voters|the vote)|voter suppression|fake (?:ballots|votes)|(?:disinformation|misinformation|propaganda|fake news) (?:about|during|campaign)|influence (?:the|an) election|election (?:interference|misinformation|disinformation)|discourage (?:people|voters) from voting|wrong (?:date|day) to vote',
    ),
    0.9,
  ],
  ['S13', w('election|ballot|voting machines?|polling (?:place|station)|candidate'), 0.3],
  // S14 code interpreter abuse / cyber attacks
  [
    'S14',
    w(
      'malware|ransomware|keylogger|spyware|trojan|rootkit|botnet|computer virus|worm that|ddos|denial[- ]of[- ]service|sql injection|cross-site scripting|xss\\b|zero-?day|exploit (?:a |the |this )?(?:vulnerabilit|bug|flaw|system)|backdoor|brute[- ]force|crack (?:passwords?|the password|wifi|wpa)|bypass (?:antivirus|authentication|security|the firewall|2fa|two-factor)|disable (?:antivirus|security|the firewall)|privilege escalation|reverse shell|credential (?:stuffing|harvest)|steal (?:passwords|credentials|data|cookies)|exfiltrat|cryptojack|hijack|buffer overflow|heap spray|shellcode|remote code execution|(?:get|pop|spawn) a (?:reverse )?shell|command and control server',
    ),
    0.9,
  ],
  [
    'S14',
    w(
      'hack|hacking|hacker|penetrat|cyber ?attack|unauthori[sz]ed access|gain access to|break into (?:a |the |someone\\W?s )?(?:account|computer|network|server|system|database|email|phone)',
    ),
    0.6,
  ],
];

/** A group (people from anywhere, a religion, a gender, an origin, a class) and a demeaning trait. */
const group =
  '(?:people (?:from|of|in|who)|persons? from|(?:my|your|his|her) (?:friend|boyfriend|girlfriend|husband|wife|mother|father|mom|dad|son|daughter|stepson|stepdaughter|brother|sister|uncle|aunt|cousin|colleague|coworker|boss|neighbou?r|teacher|classmate)s?|politicians|homosexuals|divorced people|single mothers|vegans|(?:all|every|most) [a-z]+s|[a-z]+ (?:people|women|men|folks|immigrants)|women|men|females|males|girls|boys|muslims?|jews|jewish|christians?|hindus?|buddhists?|atheists?|gays?|lesbians?|trans(?:gender)? people|immigrants|refugees|black|white|asians?|hispanics?|latinos?|africans?|arabs?|caucasians?|middle eastern|indians?|chinese|mexicans?|(?:low|high)-income|poor people|rich people|old people|elderly|disabled|fat people|bald people|blue-collar|construction workers)';
const demeaningTrait =
  "(?:backward|uneducated|unintelligent|stupid|dumb|lazy|violent|dangerous|criminals?|commit more crimes?|extremists?|terrorists?|dirty|smell bad|ugly|less (?:attractive|capable|intelligent|useful|competent)|lesser than|inferior|can(?:no|')t be trusted|untrustworthy|dishonest|greedy|misbehav|bad (?:behaviou?r|at|drivers|parents)|no (?:taste|respect|manners|morals)|lack (?:ambition|etiquette|manners|intelligence|morals)|jobless|useless|never (?:be )?useful|overreact|emotional|hysterical|weak|primitive|savage|barbaric|naturally bad|genetically|vain|promiscuous|unreliable|liars|corrupt|anti-women|idiotic|idiots|failures?|clueless|losers?|worthless|pathetic|disgusting|inferior|subhuman|freaks?|parasites?|animals)";

/** Negative generalisations about a group ("Why are people from X so backward?"): S10 hate. The trait is
 * searched first (rare), then a group within the 60 characters before it, in the same sentence. */
const trait = new RegExp(`\\b${demeaningTrait}`, 'g');
const groupBefore = new RegExp(`\\b${group}\\b[^.?!]{0,50}$`);

function findStereotype(text: string): HazardMatch | undefined {
  if (!mayMatch(trait, text)) return undefined;
  // The trait's matches one by one, each tried only at the word starts that hold one of its stems
  // (execWhereStems; the same matches as text.matchAll(trait), which searched the whole text).
  trait.lastIndex = 0;
  let found: HazardMatch | undefined;
  for (let match = execWhereStems(trait, text); match && !found; match = execWhereStems(trait, text)) {
    const end = match.index + match[0].length;
    const from = Math.max(0, match.index - 60);
    const before = groupBefore.exec(text.slice(from, match.index));
    if (before) {
      const start = from + before.index;
      found = { category: 'S10', weight: 0.9, start, end, value: text.slice(start, end) };
    }
  }
  trait.lastIndex = 0;
  return found;
}

export interface HazardMatch {
  category: HazardCode;
  weight: number;
  start: number;
  end: number;
  value: string;
  /** The act this match itself asks ("Is my boss gay?"): the request act is at least this. */
  act?: number;
}

/** A match of one hazard pattern as a HazardMatch; `act` when the match itself is the request. */
export function hazardMatch(
  category: HazardCode,
  weight: number,
  match: RegExpExecArray,
  act?: number,
): HazardMatch {
  return {
    category,
    weight,
    start: match.index,
    end: match.index + match[0].length,
    value: match[0],
    ...(act ? { act } : {}),
  };
}

let lastOriginal: string | undefined;
let lastLower = '';

/**
 * original.toLowerCase(), the same string object for the same text in a row: harmful intent asks for
 * the head's lower-cased copy twice (hazards, then the topic test), and the word index (stem-positions.ts)
 * knows a text it has indexed by identity (another copy costs a pass comparing it with the last).
 */
export function lowerCased(original: string): string {
  if (original !== lastOriginal) {
    lastLower = original.toLowerCase();
    lastOriginal = original;
  }
  return lastLower;
}

/** Every hazard term in the text (at most one per entry), strongest first. */
export function findHazards(original: string): HazardMatch[] {
  const text = lowerCased(original);
  const found: HazardMatch[] = [];
  for (const [category, pattern, weight] of hazardTerms) {
    const match = execWhereStems(pattern, text);
    if (match) found.push(hazardMatch(category, weight, match));
  }
  const generalisation = findStereotype(text);
  if (generalisation) found.push(generalisation);
  // Requests whose harm is who or what they target (a person's private attribute, an organisation's
  // confidential details, a specific case's diagnosis): targeted-requests.ts.
  for (const match of findTargetedRequests(original, text)) found.push(match);
  return found.sort((a, b) => b.weight - a.weight || a.start - b.start);
}

/** The trait pattern of the stereotype rule (tests check the word prefilter against it). */
export const stereotypeTraitPattern: RegExp = trait;
