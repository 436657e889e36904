// Scorers by name, as an eval file lists them: `exact`, or `{ type: rougeL, useStemmer: true, threshold: 0.4 }`.
import type { EmbeddingModelV3, LanguageModelV3 } from '@ai-sdk/provider';
import { GantryError } from '../../errors/index.js';
import { gEval } from '../judges/g-eval.js';
import { llmJudge } from '../judges/llm-judge.js';
import {
  costBelow,
  latencyBelow,
  stepCount,
  taskSuccess,
  toolCallCorrectness,
} from '../scorers/agent-scorers.js';
import { bleu } from '../scorers/bleu.js';
import { chrf } from '../scorers/chrf.js';
import { bertScore, embeddingSimilarity } from '../scorers/embedding-similarity.js';
import { exactMatch } from '../scorers/exact-match.js';
import { gaiaQuasiExactMatch } from '../scorers/gaia-quasi-exact-match.js';
import { includes } from '../scorers/includes.js';
import { jsonSchemaValid } from '../scorers/json-schema-valid.js';
import { regexMatch } from '../scorers/regex-match.js';
import { type RougeType, rouge } from '../scorers/rouge.js';
import { squadF1 } from '../scorers/squad-f1.js';
import type { Scorer } from '../types.js';
import type { EvalFileScorer } from './eval-file.js';

export interface ScorerModels {
  languageModel: (spec: string) => LanguageModelV3;
  embeddingModel: (spec: string) => EmbeddingModelV3;
  judgeModel?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: options come from YAML and are checked by each factory.
type Options = Record<string, any>;

export const scorerNames = [
  'exact',
  'includes',
  'regex',
  'json-schema',
  'gaia',
  'f1',
  'bleu',
  'chrf',
  'rouge1',
  'rouge2',
  'rougeL',
  'rougeLsum',
  'embedding-similarity',
  'bertscore',
  'llm-judge',
  'g-eval',
  'tool-calls',
  'task-success',
  'steps',
  'cost',
  'latency',
] as const;

function required<T>(value: T | undefined, type: string, field: string): T {
  if (value === undefined || value === null || value === '') {
    throw new GantryError('EVAL_FILE_INVALID', `Scorer '${type}' needs '${field}'.`, {
      hint: `Add ${field} to the scorer's entry in the eval file.`,
    });
  }
  return value;
}

export function createScorer(entry: EvalFileScorer, models: ScorerModels): Scorer {
  const { type, ...options }: Options = typeof entry === 'string' ? { type: entry } : entry;
  const withThreshold = (scorer: Scorer): Scorer =>
    options.threshold === undefined ? scorer : { ...scorer, threshold: options.threshold, name: scorer.name };
  const judge = () =>
    models.languageModel(
      required(options.model ?? models.judgeModel, type, 'model (or judge.model / eval.judgeModel)'),
    );
  switch (type) {
    case 'exact':
      return exactMatch(options);
    case 'includes':
      return includes(options);
    case 'regex':
      return regexMatch({ pattern: required(options.pattern, type, 'pattern'), flags: options.flags });
    case 'json-schema':
      return jsonSchemaValid({ schema: options.schema });
    case 'gaia':
      return gaiaQuasiExactMatch();
    case 'f1':
      return withThreshold(squadF1());
    case 'bleu':
      return withThreshold(bleu(options));
    case 'chrf':
      return withThreshold(chrf(options));
    case 'rouge1':
    case 'rouge2':
    case 'rougeL':
    case 'rougeLsum':
      return withThreshold(rouge({ type: type as RougeType, useStemmer: options.useStemmer }));
    case 'embedding-similarity':
      return withThreshold(
        embeddingSimilarity({ model: models.embeddingModel(required(options.model, type, 'model')) }),
      );
    case 'bertscore':
      return withThreshold(
        bertScore({ model: models.embeddingModel(required(options.model, type, 'model')) }),
      );
    case 'llm-judge':
      return llmJudge({
        model: judge(),
        rubric: required(options.rubric, type, 'rubric'),
        scale: options.scale,
        threshold: options.threshold,
        name: options.name,
      });
    case 'g-eval':
      return gEval({
        model: judge(),
        criteria: required(options.criteria, type, 'criteria'),
        steps: options.steps,
        scale: options.scale,
        samples: options.samples,
        threshold: options.threshold,
        logprobs: options.logprobs,
        name: options.name,
      });
    case 'tool-calls':
      return toolCallCorrectness(options);
    case 'task-success':
      return taskSuccess(options);
    case 'steps':
      return stepCount({ maximum: required(options.maximum, type, 'maximum') });
    case 'cost':
      return costBelow({ maximumDollars: required(options.maximumDollars, type, 'maximumDollars') });
    case 'latency':
      return latencyBelow({ maximumMs: required(options.maximumMs, type, 'maximumMs') });
    default:
      throw new GantryError('EVAL_FILE_INVALID', `Unknown scorer '${type}'.`, {
        hint: `Use one of: ${scorerNames.join(', ')}.`,
        details: { scorer: type },
      });
  }
}
