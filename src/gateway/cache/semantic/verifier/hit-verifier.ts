// The hit verifier: a small logistic model over pair features (idf-weighted overlap both ways,
// unmatched content words, question kind, the guards' verdicts, length ratio, character-trigram and
// bigram overlap, word order, embedding cosine) that scores a cached candidate before it is served.
// A candidate is served only when its score reaches the threshold. Trained by
// scripts/train-cache-verifier.ts on the train split of qqp-dev; threshold chosen on its validation split.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { predictLogistic } from '../../../../cost/logistic-model.js';
import { GantryError } from '../../../../errors/index.js';
import { createHashedEmbedder, type EmbedText } from '../hashed-embedder.js';
import { type PromptToken, promptTokens } from '../prompt-tokens.js';
import { type IdfTable, idfTable, type SerializedIdf } from './idf-table.js';
import {
  type KnownPromptWork,
  pairFeatureNames,
  pairFeatures,
  type VerifierFacts,
  verifierFacts,
} from './pair-features.js';

export interface HitVerifierModel {
  target: string;
  features: string[];
  weights: number[];
  mean: number[];
  scale: number[];
  idf: SerializedIdf;
  /** Served when the score is at or above it (chosen on the validation split). */
  threshold: number;
  /** The hashed embedder's dimension the cosine feature was trained with. */
  dimension: number;
  trainedOn: string;
}

export interface HitVerifierFacts extends VerifierFacts {
  /** The verifier's own hashed embedding, when the cache embeds with something else. */
  vector?: Float32Array;
}

export interface HitVerifierOptions {
  /** A model file written by scripts/train-cache-verifier.ts; default: the shipped one. */
  model?: HitVerifierModel;
  threshold?: number;
  /**
   * Compute the cosine feature with the verifier's own hashed embedder (needed when the cache embeds
   * with a model or another dimension: the weights expect the offline embedder's cosine).
   */
  ownEmbedding?: boolean;
}

export class HitVerifier {
  readonly threshold: number;
  readonly model: HitVerifierModel;
  private readonly idf: IdfTable;
  private readonly embed: EmbedText | undefined;

  constructor(options: HitVerifierOptions = {}) {
    this.model = options.model ?? shippedVerifierModel();
    checkModel(this.model);
    this.threshold = options.threshold ?? this.model.threshold;
    this.idf = idfTable(this.model.idf);
    this.embed = options.ownEmbedding ? createHashedEmbedder({ dimension: this.model.dimension }) : undefined;
  }

  /** `known`: the prompt's stems and guard facts when the caller has them (same facts either way). */
  facts(text: string, tokens?: readonly PromptToken[], known?: KnownPromptWork): HitVerifierFacts {
    const facts: HitVerifierFacts = verifierFacts(
      text,
      this.idf,
      (tokens as PromptToken[] | undefined) ?? promptTokens(text),
      known,
    );
    if (this.embed) facts.vector = this.embed(text);
    return facts;
  }

  /** Probability that the cached prompt asks the same as the new one. */
  score(asked: HitVerifierFacts, cached: HitVerifierFacts, similarity: number): number {
    let cosine = similarity;
    if (asked.vector && cached.vector) {
      cosine = 0;
      for (let i = 0; i < asked.vector.length; i++) cosine += asked.vector[i] * cached.vector[i];
    }
    return predictLogistic(this.model, pairFeatures(asked, cached, cosine));
  }
}

let shipped: HitVerifierModel | undefined;

export function shippedVerifierModel(): HitVerifierModel {
  if (shipped) return shipped;
  // A compiled copy under dist/ has no JSON of its own (tsc copies none): fall back to src/.
  let path = fileURLToPath(new URL('./weights/qqp-hit-verifier.json', import.meta.url));
  if (!existsSync(path))
    path = fileURLToPath(
      new URL(
        '../../../../../src/gateway/cache/semantic/verifier/weights/qqp-hit-verifier.json',
        import.meta.url,
      ),
    );
  shipped = JSON.parse(readFileSync(path, 'utf8')) as HitVerifierModel;
  return shipped;
}

function checkModel(model: HitVerifierModel): void {
  const names = model?.features;
  const ok =
    Array.isArray(names) &&
    names.length === pairFeatureNames.length &&
    names.every((name, i) => name === pairFeatureNames[i]) &&
    [model.weights, model.mean, model.scale].every(
      (values) =>
        Array.isArray(values) &&
        values.length === names.length &&
        values.every((v) => typeof v === 'number' && Number.isFinite(v)),
    ) &&
    typeof model.idf?.values === 'string';
  if (!ok)
    throw new GantryError(
      'CONFIG_INVALID',
      'The semantic-cache hit verifier model does not match this version of Gantry.',
      {
        hint: `Retrain it with \`node bin/run-ts.js scripts/train-cache-verifier.ts\` (features: ${pairFeatureNames.length}).`,
      },
    );
}
