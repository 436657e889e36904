// `npx tsx bench/guard/tagger-validation.ts [count:weight:share …]`: how the tagger's answer-like training
// sentences (syntheticAnswerTags) are chosen, on validation data only (guardlat17). Never the held-out
// Presidio templates and never tagger-quality.ts's one-word reply probe:
// - 5 folds of the *training* templates by template id: train on four (plus the answer sentences), score
//   the fifth, token level; PERSON and STREET_ADDRESS precision, recall and F2 summed over the folds;
// - the answer-like texts of tagger-validation-texts.ts (written for this check, not the generator's): how
//   many plain ones get a PERSON finding, and how many of the named ones' names are found.
// Each setting is `count:weight:share[:madeUp]` (0:1:0 = no answer sentences); the model is shipped-rounded
// (serialized with the tagger's pruning, parsed back) before it is scored, as the shipped file is read.
import { createHash } from 'node:crypto';
import * as guard from '../../src/guard/index.js';
import { namedAnswers, plainAnswers, unmark } from './tagger-validation-texts.js';

const settings = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['0:1:0', '2000:1:0.3']).map(
  (setting) => {
    const [count, weight, share, madeUp = 0.5] = setting.split(':').map(Number);
    return { setting, count, weight, share, madeUp };
  },
);
// GUARD_BASELINE=<folder>: a first row `main`, that tree's tagger trained and scored the same way.
const baseline = process.env.GUARD_BASELINE
  ? ((await import(`${process.env.GUARD_BASELINE}/src/guard/index.ts`)) as typeof guard)
  : undefined;
if (baseline) settings.unshift({ setting: 'main', count: 0, weight: 1, share: 0, madeUp: 0 });
const datasets = guard.locateDatasets();
const records = guard.loadPresidioSynth(datasets).filter((record) => record.split === 'train');
const lexiconTexts = [...guard.loadBenignPrompts(datasets), ...guard.loadDavidson(datasets)].map(
  (row) => row.text,
);
const foldOf = (id: number) => createHash('sha256').update(`fold:${id}`).digest()[0] % 5;
const entities = ['PERSON', 'STREET_ADDRESS'] as const;

function shipped(model: guard.LinearModel, g = guard): guard.LinearModel {
  return g.parseLinearModel(
    guard.serializeLinearModel(model, guard.pruningThresholds.piiTagger),
    'validation',
  );
}

function train(
  setting: string,
  share: number,
  count: number,
  weight: number,
  madeUp: number,
  heldFold = -1,
): guard.LinearModel {
  const folded = records.map((record) => ({
    ...record,
    split: foldOf(record.templateId) === heldFold ? ('test' as const) : ('train' as const),
  }));
  if (setting === 'main' && baseline)
    return shipped(baseline.trainEntityTagger(folded, lexiconTexts), baseline);
  const answers = count > 0 ? guard.syntheticAnswerTags(count, 17, share, madeUp) : [];
  return shipped(guard.trainEntityTagger(folded, lexiconTexts, { answers, answerWeight: weight }));
}

/** A finding's span (the tagger's findings always have one). */
const spanOf = (f: guard.Finding) => ({ type: f.type, start: f.start ?? 0, end: f.end ?? 0 });
const f2 = (p: number, r: number) => (p + r === 0 ? 0 : (5 * p * r) / (4 * p + r));
const fixed = (x: number) => x.toFixed(3);

console.log(
  '| setting | folds PERSON P / R / F2 | folds STREET_ADDRESS P / R / F2 | plain answers with PERSON | names found | PERSON findings outside names |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const { setting, count, weight, share, madeUp } of settings) {
  const tagEntities = setting === 'main' && baseline ? baseline.tagEntities : guard.tagEntities;
  const counts = Object.fromEntries(entities.map((e) => [e, { tp: 0, fp: 0, fn: 0 }]));
  for (let fold = 0; fold < 5; fold++) {
    const model = train(setting, share, count, weight, madeUp, fold);
    for (const record of records.filter((r) => foldOf(r.templateId) === fold)) {
      const findings = tagEntities(record.text, model).map(spanOf);
      for (const token of guard.tokenize(record.text)) {
        const overlaps = (s: { start: number; end: number }) => token.start < s.end && s.start < token.end;
        const gold = record.spans.find(overlaps)?.type;
        const found = findings.find(overlaps)?.type;
        for (const entity of entities) {
          if (gold === entity && found === entity) counts[entity].tp++;
          else if (found === entity) counts[entity].fp++;
          else if (gold === entity) counts[entity].fn++;
        }
      }
    }
  }
  const figures = entities.map((entity) => {
    const { tp, fp, fn } = counts[entity];
    const p = tp / (tp + fp);
    const r = tp / (tp + fn);
    return `${fixed(p)} / ${fixed(r)} / ${fixed(f2(p, r))}`;
  });
  const model = train(setting, share, count, weight, madeUp);
  const person = (text: string) =>
    tagEntities(text, model)
      .filter((f) => f.type === 'PERSON')
      .map(spanOf);
  const flagged = plainAnswers.filter((text) => person(text).length > 0);
  let names = 0;
  let found = 0;
  let outside = 0;
  for (const marked of namedAnswers) {
    const { text, names: spans } = unmark(marked);
    const findings = person(text);
    for (const span of spans) {
      names++;
      if (findings.some((f) => f.start < span.end && span.start < f.end)) found++;
    }
    outside += findings.filter((f) => !spans.some((s) => f.start < s.end && s.start < f.end)).length;
  }
  console.log(
    `| ${setting} | ${figures[0]} | ${figures[1]} | ${flagged.length} of ${plainAnswers.length} | ${found} of ${names} | ${outside} |`,
  );
  if (process.env.SHOW)
    for (const text of flagged)
      console.log(
        `    ${JSON.stringify(text)}: ${person(text).map((f) => JSON.stringify(text.slice(f.start, f.end)))}`,
      );
}
