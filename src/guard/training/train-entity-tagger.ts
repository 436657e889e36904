// Trains the PERSON / STREET_ADDRESS token tagger on the training templates of Presidio's synthetic set.
import { type LinearModel, type TrainingExample, trainLinearModel } from '../classifier/index.js';
import type { PiiRecord } from '../datasets/index.js';
import {
  commonWordHash,
  prepareTokens,
  taggerClasses,
  taggerDimension,
  tokenFeatures,
  tokenize,
} from '../pii/index.js';

/**
 * Words seen in lower case at least `minimum` times in ordinary text: a capitalised word that is also a
 * common lower-case word ("Lemon", "Knead", "God") is probably not a name. Only letters, 3+ characters.
 */
export function buildCommonWords(texts: Iterable<string>, minimum = 3): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const token of tokenize(text)) {
      if (token.text.length >= 3 && /^\p{Ll}+$/u.test(token.text))
        counts.set(token.text, (counts.get(token.text) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([, n]) => n >= minimum)
    .map(([word]) => word)
    .sort();
}

export interface EntityTaggerOptions {
  epochs?: number;
  l2?: number;
  dimension?: number;
  /** Extra training records (the project's answer-like sentences, syntheticAnswerTags), all used. */
  answers?: readonly PiiRecord[];
  /** Each answer token's weight in training (the templates' tokens weigh 1). */
  answerWeight?: number;
}

export function trainEntityTagger(
  records: readonly PiiRecord[],
  lexiconTexts: Iterable<string> = [],
  options: EntityTaggerOptions = {},
): LinearModel {
  const { epochs = 6, l2 = 1e-4, dimension = taggerDimension, answers = [], answerWeight = 1 } = options;
  const train = records.filter((record) => record.split === 'train');
  // The training templates' own lower-case words count too (never the held-out templates).
  const commonWords = buildCommonWords([...lexiconTexts, ...train.map((record) => record.text)]);
  const lexicon = new Set(commonWords.map(commonWordHash));
  const examples: TrainingExample[] = [];
  const weighted = [
    ...train.map((record) => ({ record, weight: 1 })),
    ...answers.map((record) => ({ record, weight: answerWeight })),
  ];
  for (const { record, weight } of weighted) {
    const tokens = tokenize(record.text);
    const prepared = prepareTokens(tokens, lexicon);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const span = record.spans.find((s) => token.start < s.end && s.start < token.end);
      const label = span ? taggerClasses.indexOf(span.type as (typeof taggerClasses)[number]) : 0;
      const features = tokenFeatures(prepared, i, dimension);
      examples.push({ features, label: Math.max(0, label), weight });
    }
  }
  const model = trainLinearModel(examples, {
    name: 'pii-tagger',
    classes: [...taggerClasses],
    dimension,
    epochs,
    learningRate: 0.2,
    l2,
  });
  model.metadata = {
    data: 'presidio-synth-pii (microsoft/presidio-research synth_dataset_v2.json, MIT), training templates only',
    split: 'by template_id: sha256("template:<id>")[0] % 5 === 0 is held out',
    ...(answers.length > 0 && {
      answers: `${answers.length} answer-like sentences the project writes (syntheticAnswerTags), token weight ${answerWeight}`,
    }),
    tokens: examples.length,
    epochs,
    lexicon:
      'lower-case words seen 3+ times in the benign prompts, Davidson tweets and the training templates',
    // Hashed buckets, never the words: the lexicon comes from tweets and prompts and must not ship their text.
    commonWordBuckets: [...lexicon].sort((a, b) => a - b),
  };
  return model;
}
