// Facts a user states about themself, found without a model: "my X is Y", "I live in / moved to Y",
// "I work at Y", "I'm allergic to Y", "I like / don't like Y", "I have a dog named Y", "call me Y".
// Each fact has a key; a later fact with the same key and another value supersedes the earlier one.

export interface CandidateFact {
  key: string;
  value: string;
  /** The fact as a sentence about the user ("Alice lives in Lyon"). */
  text: string;
}

interface Rule {
  pattern: RegExp;
  fact(match: RegExpExecArray, speaker: string): CandidateFact | undefined;
}

const clauseEnd = String.raw`(?=[,.;!?]|\s+(?:and|but|because|so|since|which|who|now|anymore|these days)\b|$)`;
const phrase = '([^,.;!?]{1,60}?)';

const clean = (value: string) =>
  value
    .trim()
    .replace(/^(the|a|an)\s+/i, (article) => article.toLowerCase())
    .replace(/\s+/g, ' ');

const rules: Rule[] = [
  {
    pattern: new RegExp(String.raw`\b(?:my name is|call me)\s+${phrase}${clauseEnd}`, 'i'),
    fact: (m, speaker) => ({ key: 'name', value: clean(m[1]), text: `${speaker}'s name is ${clean(m[1])}` }),
  },
  {
    pattern: new RegExp(
      String.raw`\bI(?:'ve| have)? (?:just )?(?:moved|relocated) to\s+${phrase}${clauseEnd}`,
      'i',
    ),
    fact: (m, speaker) => ({
      key: 'location',
      value: clean(m[1]),
      text: `${speaker} lives in ${clean(m[1])}`,
    }),
  },
  {
    pattern: new RegExp(
      String.raw`\bI(?:'m| am)? (?:now )?(?:live|living|based) in\s+${phrase}${clauseEnd}`,
      'i',
    ),
    fact: (m, speaker) => ({
      key: 'location',
      value: clean(m[1]),
      text: `${speaker} lives in ${clean(m[1])}`,
    }),
  },
  {
    pattern: new RegExp(
      String.raw`\bI(?:'m| am)? (?:now )?(?:work|working) (?:at|for)\s+${phrase}${clauseEnd}`,
      'i',
    ),
    fact: (m, speaker) => ({
      key: 'employer',
      value: clean(m[1]),
      text: `${speaker} works at ${clean(m[1])}`,
    }),
  },
  {
    pattern: new RegExp(
      String.raw`\bI(?:'m| am)? (?:now )?(?:work|working) as\s+(?:an? )?${phrase}${clauseEnd}`,
      'i',
    ),
    fact: (m, speaker) => ({
      key: 'occupation',
      value: clean(m[1]),
      text: `${speaker} works as ${clean(m[1])}`,
    }),
  },
  {
    pattern: new RegExp(String.raw`\bI(?:'m| am) allergic to\s+${phrase}${clauseEnd}`, 'i'),
    fact: (m, speaker) => ({
      key: `allergy:${clean(m[1]).toLowerCase()}`,
      value: 'allergic',
      text: `${speaker} is allergic to ${clean(m[1])}`,
    }),
  },
  {
    pattern: /\bI(?:'m| am) (\d{1,3}) years old\b/i,
    fact: (m, speaker) => ({ key: 'age', value: m[1], text: `${speaker} is ${m[1]} years old` }),
  },
  {
    pattern: new RegExp(
      String.raw`\bI (?:just |recently )?(?:have|adopted|got|bought) an? (\w+) (?:named|called)\s+${phrase}${clauseEnd}`,
      'i',
    ),
    fact: (m, speaker) => ({
      key: `${m[1].toLowerCase()} name`,
      value: clean(m[2]),
      text: `${speaker} has a ${m[1].toLowerCase()} named ${clean(m[2])}`,
    }),
  },
  {
    pattern: new RegExp(String.raw`\bmy (?:new )?([a-z]+(?: [a-z]+)?) is\s+${phrase}${clauseEnd}`, 'i'),
    fact: (m, speaker) => {
      const subject = m[1].toLowerCase();
      if (/^(name|day|week|time|turn|point|guess|bad|pleasure|question)$/.test(subject)) return undefined;
      return { key: subject, value: clean(m[2]), text: `${speaker}'s ${subject} is ${clean(m[2])}` };
    },
  },
  {
    pattern: new RegExp(
      String.raw`\bI (?:(don't|do not|no longer|never) )?(?:really )?(love|like|enjoy|hate|dislike|prefer)\s+${phrase}${clauseEnd}`,
      'i',
    ),
    fact: (m, speaker) => {
      const negative = m[1] !== undefined || /hate|dislike/i.test(m[2]);
      const object = clean(m[3]);
      if (/^(to|it|that|this|them|you)$/i.test(object)) return undefined;
      const stance = negative ? 'dislikes' : 'likes';
      return {
        key: `opinion:${object.toLowerCase()}`,
        value: stance,
        text: `${speaker} ${stance} ${object}`,
      };
    },
  },
];

export function extractFacts(text: string, speaker = 'the user'): CandidateFact[] {
  const found = new Map<string, CandidateFact>();
  for (const sentence of text.split(/(?<=[.!?])\s+/)) {
    if (/\?\s*$/.test(sentence)) continue;
    for (const rule of rules) {
      const match = rule.pattern.exec(sentence);
      if (!match) continue;
      const fact = rule.fact(match, speaker);
      if (fact && fact.value.length > 0 && !found.has(fact.key)) found.set(fact.key, fact);
    }
  }
  return [...found.values()];
}
