// Trains every shipped guard model from the public datasets and writes them to the weights folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LinearModel, serializeLinearModel } from '../classifier/index.js';
import {
  loadBenignPrompts,
  loadDavidson,
  loadDeepset,
  loadJailbreakBench,
  loadPresidioSynth,
} from '../datasets/index.js';
import { injectionScore } from '../scanners/index.js';
import { trainEntityTagger } from './train-entity-tagger.js';
import { trainTextClassifier } from './train-text-classifier.js';

export const shippedWeightsFolder = fileURLToPath(new URL('../weights/', import.meta.url));

export interface TrainedModels {
  injection: LinearModel;
  toxicity: LinearModel;
  piiTagger: LinearModel;
}

export type ModelName = keyof TrainedModels;

export function trainGuardModels(datasets: string, only?: readonly ModelName[]): Partial<TrainedModels> {
  const wants = (name: ModelName) => !only || only.includes(name);
  const trained: Partial<TrainedModels> = {};
  if (wants('injection')) {
    trained.injection = trainTextClassifier({
      name: 'injection',
      classes: ['benign', 'injection'],
      rows: [...loadDeepset(datasets), ...loadJailbreakBench(datasets), ...loadBenignPrompts(datasets)],
      operatingPoint: { falsePositiveRate: 0.03, score: (text, model) => injectionScore(text, model) },
      metadata: {
        data: 'deepset/prompt-injections train split (Apache-2.0), JailbreakBench artifacts PAIR/GCG/JBC (MIT), benign prompts from MT-Bench, Vicuna, Self-Instruct, IFEval (Apache-2.0)',
        split: 'deepset: its own train/test files; others: sha256 of goal index / text, 1 in 5 held out',
      },
    });
  }
  if (wants('toxicity')) {
    trained.toxicity = trainTextClassifier({
      name: 'toxicity',
      classes: ['neither', 'toxic'],
      // Ordinary prompts (training split) as extra negatives: tweets alone make requests look toxic.
      rows: [...loadDavidson(datasets), ...loadBenignPrompts(datasets)],
      epochs: 5,
      metadata: {
        data: 'Davidson et al. 2017 hate-speech-and-offensive-language (MIT), hate or offensive = toxic; benign prompts (Apache-2.0) as negatives',
        split: 'sha256 of row index, 1 in 5 held out',
      },
    });
  }
  if (wants('piiTagger')) {
    const lexiconTexts = [...loadBenignPrompts(datasets), ...loadDavidson(datasets)].map((row) => row.text);
    trained.piiTagger = trainEntityTagger(loadPresidioSynth(datasets), lexiconTexts);
  }
  return trained;
}

/** Weights smaller than this are dropped from the shipped file (the tagger needs finer weights). */
export const pruningThresholds: Record<ModelName, number> = {
  injection: 1e-2,
  toxicity: 1e-2,
  piiTagger: 1e-3,
};

export const weightFileNames: Record<ModelName, string> = {
  injection: 'injection.json',
  toxicity: 'toxicity.json',
  piiTagger: 'pii-tagger.json',
};

export function writeGuardModels(models: Partial<TrainedModels>, folder = shippedWeightsFolder): string[] {
  const written: string[] = [];
  for (const [name, model] of Object.entries(models) as [ModelName, LinearModel][]) {
    const path = join(folder, weightFileNames[name]);
    writeFileSync(path, serializeLinearModel(model, pruningThresholds[name]));
    written.push(path);
  }
  return written;
}
