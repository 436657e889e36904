// Harmful intent asks, for each hazard word of a prompt, whether a benign idiom or a technical sense
// covers it. The matches are now found once per text (src/guard/signals/covering-matches.ts) and the
// technical senses sit behind the word prefilter: every answer must be the frozen per-hazard loops'
// (test/guard-reference/covering-matches.ts), for every hazard span and random spans, on dataset prompts,
// their 1 KB cuts, texts made of the patterns' own words, and edge cases; asked in any order and for
// texts that alternate (the kept matches belong to one text).
import { describe, expect, it } from 'vitest';
import { loadPresidioSynth, locateDatasets } from '../src/guard/datasets/index.js';
import { kilobyteTexts } from '../src/guard/eval/index.js';
import { normalizeText } from '../src/guard/normalize/index.js';
import {
  benignIdioms,
  findHazards,
  harmfulIntent,
  insideBenignIdiom,
  insideTechnicalSense,
  technicalSenses,
  usesTechnicalSense,
} from '../src/guard/signals/index.js';
import * as frozen from './guard-reference/covering-matches.js';
import { everyNth, promptTexts } from './guard-sample.js';

function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

const patternWords = [
  ...new Set([...technicalSenses, ...benignIdioms].flatMap((p) => p.source.match(/[A-Za-z_-]{2,}/g) ?? [])),
];
const hazardWords = ['kill', 'bomb', 'shoot', 'murder', 'poison', 'hack', 'crack', 'steal', 'attack', 'drug'];
function phraseTexts(count: number, seed: number): string[] {
  const next = seeded(seed);
  const alphabet = [...patternWords, ...hazardWords, ...hazardWords.map((w) => w.toUpperCase())];
  const separators = [' ', ' ', ' ', '. ', ', ', '\n', ' -9 ', '? ', ' the ', ' a ', ' my '];
  return Array.from({ length: count }, () => {
    let text = '';
    const length = Math.floor(next() * 40);
    for (let i = 0; i < length; i++)
      text +=
        alphabet[Math.floor(next() * alphabet.length)] + separators[Math.floor(next() * separators.length)];
    return text;
  });
}

const edgeCases = [
  '',
  'kill',
  'How do I kill the child processes of my server?',
  'kill -9 1234 and then kill it at the gym',
  'Write a murder mystery where someone kills the zombie processes, then a bath bomb.',
  'KILL THE PROCESS. kill the process! Kill   the\nprocess',
  'shoot a wedding at the shooting range; shoot the breeze',
  'execute the migration scripts, then nuke the build folder and destroy the stack',
  'İstanbul ΣΑΣ 😀 \ud800 kill the process',
];

const datasets = locateDatasets();
function datasetTexts(root: string): string[] {
  const prompts = promptTexts(root);
  const records = loadPresidioSynth(root).map((r) => r.text);
  return [
    ...everyNth(prompts, 600),
    ...kilobyteTexts(everyNth(prompts, 400).concat(everyNth(records, 200)), 157),
  ];
}

const texts = [...edgeCases, ...phraseTexts(400, 21), ...(datasets ? datasetTexts(datasets) : [])];

describe('covering matches found once per text: the frozen per-hazard answers', () => {
  it(`every hazard span and random spans (${texts.length} texts)`, () => {
    const next = seeded(5);
    const differing: string[] = [];
    let covered = 0;
    let asked = 0;
    for (let t = 0; t < texts.length; t++) {
      const text = normalizeText(texts[t]).text;
      const spans: [number, number][] = findHazards(text).map((h) => [h.start, h.end]);
      // The patterns' own matches, and spans just inside and just across their edges.
      for (const pattern of [...technicalSenses, ...benignIdioms]) {
        for (const match of text.matchAll(new RegExp(pattern.source, 'gi'))) {
          const [from, to] = [match.index, match.index + match[0].length];
          spans.push([from, to], [from + 1, to - 1], [from - 1, to], [from, to + 1], [from + 2, from + 4]);
        }
      }
      for (let k = 0; k < 12; k++) {
        const start = Math.floor(next() * (text.length + 1));
        spans.push([start, Math.min(text.length, start + Math.floor(next() * 12))]);
      }
      // Another text in between now and then: the kept matches must follow the text asked about.
      if (t % 3 === 0) insideTechnicalSense(texts[(t + 1) % texts.length], 0, 1);
      for (const [start, end] of spans) {
        asked++;
        const technical = insideTechnicalSense(text, start, end);
        const idiom = insideBenignIdiom(text, start, end);
        if (technical !== frozen.insideTechnicalSense(technicalSenses, text, start, end))
          differing.push(`technical [${start}, ${end}) ${JSON.stringify(text.slice(0, 50))}`);
        if (idiom !== frozen.insideBenignIdiom(benignIdioms, text, start, end))
          differing.push(`idiom [${start}, ${end}) ${JSON.stringify(text.slice(0, 50))}`);
        if (technical || idiom) covered++;
      }
      if (usesTechnicalSense(text) !== frozen.usesTechnicalSense(technicalSenses, text))
        differing.push(`uses ${JSON.stringify(text.slice(0, 50))}`);
    }
    expect(differing).toEqual([]);
    // Both answers occur often (the test is not vacuous).
    expect(covered).toBeGreaterThan(500);
    expect(covered).toBeLessThan(asked * 0.9);
  });

  it('harmful intent is the same whether its texts come once or repeated, in any order', () => {
    const sample = texts.filter((_, i) => i % 5 === 0);
    const first = sample.map((t) => JSON.stringify(harmfulIntent(t)));
    const reversed = [...sample].reverse().map((t) => JSON.stringify(harmfulIntent(t)));
    expect(reversed.reverse()).toEqual(first);
  });
});
