// A labelled groundedness set built from the shared IR collections (Cranfield, CISI, MED, CACM): for a
// document, answers whose claims are its own sentences (verbatim, shortened to the main clause, or framed
// "According to the source, …") are supported; claims with a changed number, an added or dropped
// negation, one content word swapped for a word from another document, or a sentence taken from another
// document are not. Each answer cites the document as [1] (and a second document as [2] for half).
// Deterministic: the same files give the same cases. Split by document into validation and test.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimTerms } from '../grounding/claim-terms.js';
import { sentenceSpans } from '../grounding/split-claims.js';

export const supportedKinds = ['verbatim', 'clause', 'framed', 'synonyms'] as const;
export const unsupportedKinds = ['number', 'negation', 'swap', 'foreign'] as const;
export type ClaimKind = (typeof supportedKinds)[number] | (typeof unsupportedKinds)[number];

export interface GroundednessCase {
  id: string;
  collection: string;
  split: 'validation' | 'test';
  answer: string;
  sources: string[];
  /** Span of each planted claim in the answer, its kind and label. */
  claims: { start: number; end: number; kind: ClaimKind; supported: boolean }[];
}

const collectionFiles: Record<string, string> = {
  cranfield: 'cranfield/cran.all.1400',
  cisi: 'cisi/CISI.ALL',
  med: 'med/MED.ALL',
  cacm: 'cacm/cacm.all',
};

/** Bodies (`.W`) of a SMART-format collection file. */
export function readSmartBodies(path: string): string[] {
  const bodies: string[] = [];
  for (const record of readFileSync(path, 'utf8').split(/^\.I /m).slice(1)) {
    const body = /^\.W\s*\n([\s\S]*?)(?=^\.[A-Z]\s*$|(?![\s\S]))/m.exec(record)?.[1];
    if (body) bodies.push(body.replace(/\s+/g, ' ').replace(/ \./g, '.').replace(/ ,/g, ',').trim());
  }
  return bodies;
}

const hash = (text: string) => createHash('sha256').update(text).digest().readUInt32BE(0);
const auxiliaries =
  /\b(is|are|was|were|can|could|will|would|should|has|have|had|does|do|did|may|must)\b(?! not\b)/;

function negate(sentence: string): string | undefined {
  if (/\bnot\b/.test(sentence)) return sentence.replace(/\bnot /, '');
  if (/\bno\b/.test(sentence)) return sentence.replace(/\bno\b/, 'some');
  const match = auxiliaries.exec(sentence);
  if (!match) return undefined;
  return `${sentence.slice(0, match.index + match[0].length)} not${sentence.slice(match.index + match[0].length)}`;
}

function changeNumber(sentence: string, seed: number): string | undefined {
  const numbers = [...sentence.matchAll(/\b\d+(?:\.\d+)?\b/g)];
  if (!numbers.length) return undefined;
  const match = numbers[seed % numbers.length];
  const value = Number(match[0]);
  const decimals = match[0].includes('.') ? match[0].split('.')[1].length : 0;
  const changed = value === 0 ? 1 : value * (seed % 2 ? 2 : 3);
  return (
    sentence.slice(0, match.index) + changed.toFixed(decimals) + sentence.slice(match.index + match[0].length)
  );
}

function mainClause(sentence: string): string {
  const words = sentence.split(' ');
  for (let i = 6; i < words.length - 3; i++) {
    if (/[,;:]$/.test(words[i]) || words[i + 1] === 'and' || words[i + 1] === 'which') {
      return `${words
        .slice(0, i + 1)
        .join(' ')
        .replace(/[,;:]$/, '')}.`;
    }
  }
  return sentence;
}

const frames = [
  'According to the source, ',
  'The source states that ',
  'The authors report that ',
  'It was found that ',
  'In short, ',
];
// A tiny paraphraser: up to two words replaced by synonyms the source does not use (what an abstractive
// answer does; the lexical check cannot know they mean the same).
const synonyms: Record<string, string> = {
  method: 'technique',
  methods: 'techniques',
  results: 'findings',
  shown: 'demonstrated',
  shows: 'demonstrates',
  used: 'employed',
  using: 'employing',
  obtained: 'derived',
  increase: 'rise',
  increases: 'rises',
  decrease: 'reduction',
  large: 'big',
  small: 'little',
  important: 'significant',
  problem: 'issue',
  problems: 'issues',
  approximately: 'roughly',
  determine: 'establish',
  determined: 'established',
  effect: 'influence',
  effects: 'influences',
  patients: 'subjects',
  information: 'knowledge',
  system: 'framework',
  systems: 'frameworks',
  compared: 'contrasted',
  measured: 'recorded',
  investigated: 'examined',
  presented: 'given',
  developed: 'devised',
  given: 'provided',
  high: 'elevated',
  low: 'reduced',
};

function paraphrase(sentence: string): string | undefined {
  let replaced = 0;
  const words = sentence.split(' ').map((word) => {
    const bare = word.replace(/[.,;:]$/, '');
    const synonym = synonyms[bare];
    if (!synonym || replaced >= 2) return word;
    replaced++;
    return synonym + word.slice(bare.length);
  });
  return replaced ? words.join(' ') : undefined;
}

const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0].toLowerCase() + s.slice(1) : s);

export function buildGroundednessCases(options: {
  root: string;
  perCollection?: number;
}): GroundednessCase[] {
  const { root, perCollection = 250 } = options;
  const cases: GroundednessCase[] = [];
  for (const [collection, file] of Object.entries(collectionFiles)) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    const documents = readSmartBodies(path)
      .map((body) => ({
        body,
        sentences: sentenceSpans(body)
          .map(([s, e]) => body.slice(s, e))
          .filter((s) => s.split(' ').length >= 8 && s.split(' ').length <= 60 && /\.$/.test(s)),
      }))
      .filter((d) => d.sentences.length >= 3);
    documents.sort((a, b) => hash(a.body) - hash(b.body));
    const chosen = documents.slice(0, perCollection);
    chosen.forEach((document, index) => {
      const other =
        documents[(index + 1 + (hash(document.body) % (documents.length - 1))) % documents.length];
      const seed = hash(document.body);
      const split = seed % 2 === 0 ? 'validation' : 'test';
      const own = new Set(claimTerms(document.body).words);
      const s = document.sentences;
      const pick = (k: number) => s[(seed + k) % s.length];
      const supported: Record<'verbatim' | 'clause' | 'framed', string> = {
        verbatim: pick(0),
        clause: mainClause(pick(1)),
        framed: `${frames[seed % frames.length]}${lowerFirst(pick(2))}`,
      };
      const swapWord = () => {
        const sentence = pick(3);
        const words = sentence.split(' ');
        const slots = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{5,}$/.test(w));
        const replacements = claimTerms(other.body).words.length
          ? other.body
              .split(' ')
              .filter((w) => /^[a-z]{6,}$/.test(w) && !own.has(claimTerms(w).words[0] ?? ''))
          : [];
        if (!slots.length || !replacements.length) return undefined;
        const [, at] = slots[seed % slots.length];
        words[at] = replacements[(seed >> 3) % replacements.length];
        return words.join(' ');
      };
      const unsupported: Record<(typeof unsupportedKinds)[number], string | undefined> = {
        number: s.map((x, k) => changeNumber(x, seed + k)).find(Boolean),
        negation: negate(pick(4)),
        swap: swapWord(),
        foreign: other.sentences[seed % other.sentences.length],
      };
      const sources = seed % 4 < 2 ? [document.body] : [document.body, other.body];
      const make = (kind: ClaimKind, claim: string, label: boolean, id: string) => {
        const fillers = [supported.verbatim, supported.clause].filter((f) => f !== claim);
        const parts: { text: string; kind: ClaimKind; supported: boolean }[] = [
          { text: fillers[0], kind: 'verbatim', supported: true },
          { text: claim, kind, supported: label },
        ];
        if (fillers[1]) parts.push({ text: fillers[1], kind: 'clause', supported: true });
        let answer = '';
        const claims: GroundednessCase['claims'] = [];
        for (const part of parts) {
          const start = answer.length;
          answer += `${part.text.replace(/\.$/, '')} [1]. `;
          claims.push({ start, end: answer.length - 1, kind: part.kind, supported: part.supported });
        }
        cases.push({
          id: `${collection}:${index}:${id}`,
          collection,
          split,
          answer: answer.trim(),
          sources,
          claims,
        });
      };
      make('framed', supported.framed, true, 'supported');
      const reworded = s.map(paraphrase).find(Boolean);
      if (reworded) make('synonyms', reworded, true, 'synonyms');
      for (const kind of unsupportedKinds) {
        const claim = unsupported[kind];
        if (claim && claim !== pick(0)) make(kind, claim, false, kind);
      }
    });
  }
  return cases;
}
