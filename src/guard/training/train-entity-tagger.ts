// Trains the PERSON / STREET_ADDRESS token tagger on the training templates of Presidio's synthetic set.
import { type LinearModel, type TrainingExample, trainLinearModel } from '../classifier/index.js';
import type { PiiRecord } from '../datasets/index.js';
import { prepareTokens, taggerClasses, taggerDimension, tokenFeatures, tokenize } from '../pii/index.js';

export function trainEntityTagger(records: readonly PiiRecord[], epochs = 6, l2 = 1e-4): LinearModel {
  const examples: TrainingExample[] = [];
  for (const record of records) {
    if (record.split !== 'train') continue;
    const tokens = tokenize(record.text);
    const prepared = prepareTokens(tokens);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const span = record.spans.find((s) => token.start < s.end && s.start < token.end);
      const label = span ? taggerClasses.indexOf(span.type as (typeof taggerClasses)[number]) : 0;
      examples.push({ features: tokenFeatures(prepared, i, taggerDimension), label: Math.max(0, label) });
    }
  }
  const model = trainLinearModel(examples, {
    name: 'pii-tagger',
    classes: [...taggerClasses],
    dimension: taggerDimension,
    epochs,
    learningRate: 0.2,
    l2,
  });
  model.metadata = {
    data: 'presidio-synth-pii (microsoft/presidio-research synth_dataset_v2.json, MIT), training templates only',
    split: 'by template_id: sha256("template:<id>")[0] % 5 === 0 is held out',
    tokens: examples.length,
    epochs,
  };
  return model;
}
