// Benign frames around a hazard word for the harmful-request task, beyond harmful-context.ts: reporting
// or answering it, explaining how it is detected or why it happens, scanning for it or recovering from
// it, supporting someone after it, evacuating or sheltering, acting on one's own systems with
// permission, public contact details, writing about the harm it does. The project's own phrases, written
// from the taxonomy's "how to protect against / recognise / recover" side (and checked on the project's
// synthetic benign twins, hazard-goals.ts, so the synthetic source's left-out figure is not independent
// of them). A request for operational detail still overrides them (harmful-context.ts).

import { testWhereStems } from '../normalize/word-prefilter.js';

export const benignFrames: readonly RegExp[] = [
  /\b(?:report(?:ing)?|flag(?:ging)?) (?:(?:a|an|the|this|some|\w+) ){0,2}(?:cruelty|harassment|abuse|scam|scammer|fraud|phishing|crime|hate speech|post|website|account|threat|stalker|bully|bullying|theft|break-in|assault)\b/i,
  /\b(?:report(?:ing)? (?:it |this |them )?to (?:the )?(?:police|authorities|my bank|hr|the platform|moderators|a teacher))\b/i,
  /\b(?:respond (?:to|when)|what (?:to|should i) say when|react when)\b/i,
  /\b(?:explain why|explain the difference|difference between|how (?:do|does|did|can|could) (?:the )?(?:police|banks?|investigators|detectives|authorities|companies|schools|doctors|platforms|researchers|scientists|forensic \w+|antivirus \w+|fbi|law enforcement|moderators|parents|teachers) (?:\w+ ){0,2}(?:detect|catch|investigate|prevent|stop|trace|track down|fight|spot|identify))\b/i,
  /\b(?:scan (?:my|our|the) \w+ for|check (?:if|whether) (?:my|our) (?:phone|laptop|computer|account|email|password|router|network|device|car|house|drink)|is (?:my|our) \w+ (?:infected|hacked|compromised))\b/i,
  /\b(?:recover (?:my|our) (?:hacked|stolen|compromised|locked)|after (?:a|an|the|my|his|her) (?:suicide attempt|assault|break-in|robbery|scam|breach|hack|overdose)|stop (?:self-harming|harming myself|cutting myself)|healthier ways to cope)\b/i,
  /\b(?:support (?:my|a|our|his|her) \w+ (?:after|who|through|with)|evacuate|shelter in place|bomb threat)\b/i,
  /\b(?:with (?:written |their |explicit )?(?:permission|consent|authori[sz]ation)|(?:my|our) own (?:company|network|router|laptop|computer|phone|account|website|server|systems?))\b/i,
  /\b(?:(?:customer (?:service|support|care)|support|head office|main office|official|switchboard|booking|reservations?|non-emergency|press office|embassy|consulate) (?:(?:phone|telephone|contact|hotline|fax) )?(?:number|email|address|line|contact details)|public (?:phone number|address|contact details|records|email)|essay (?:about|on)|how (?:\w+ ){1,2}hurts? people)\b/i,
];

/** Whether a benign frame of this list covers the text. */
export function hasBenignFrame(text: string): boolean {
  // A pattern none of whose leading stems starts a word cannot match: not run (word-prefilter.ts).
  return benignFrames.some((pattern) => testWhereStems(pattern, text));
}
