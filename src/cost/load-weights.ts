// Classifier files: the shipped ones by name ('gsm8k-router', 'gsm8k-verifier', in src/cost/weights)
// or a path to a JSON file written by scripts/train-router.ts (or anything of the same shape).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GantryError } from '../errors/index.js';
import type { LogisticModel } from './logistic-model.js';

export const shippedClassifiers = ['gsm8k-router', 'gsm8k-verifier'] as const;

function shippedPath(name: string): string {
  // A compiled copy under dist/ has no JSON of its own (tsc copies none): fall back to src/.
  const beside = fileURLToPath(new URL(`./weights/${name}.json`, import.meta.url));
  if (existsSync(beside)) return beside;
  return fileURLToPath(new URL(`../../src/cost/weights/${name}.json`, import.meta.url));
}

const cache = new Map<string, LogisticModel>();

export function loadClassifier(nameOrPath: string): LogisticModel {
  const cached = cache.get(nameOrPath);
  if (cached) return cached;
  const path = (shippedClassifiers as readonly string[]).includes(nameOrPath)
    ? shippedPath(nameOrPath)
    : nameOrPath;
  let model: LogisticModel;
  try {
    model = JSON.parse(readFileSync(path, 'utf8')) as LogisticModel;
  } catch (error) {
    throw invalid(nameOrPath, `it could not be read as JSON (${(error as Error).message})`);
  }
  const { weights, mean, scale } = model ?? {};
  if (
    !Array.isArray(weights) ||
    !Array.isArray(mean) ||
    !Array.isArray(scale) ||
    weights.length === 0 ||
    weights.length !== mean.length ||
    weights.length !== scale.length ||
    ![...weights, ...mean, ...scale].every((v) => typeof v === 'number' && Number.isFinite(v))
  )
    throw invalid(nameOrPath, 'it lacks weights, mean and scale arrays of one length with finite numbers');
  cache.set(nameOrPath, model);
  return model;
}

function invalid(name: string, why: string): GantryError {
  return new GantryError('COST_WEIGHTS_INVALID', `The classifier '${name}' cannot be used: ${why}.`, {
    hint: `Name a shipped classifier (${shippedClassifiers.join(', ')}) or a file written by scripts/train-router.ts.`,
  });
}
