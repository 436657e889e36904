// Where the shipped weights live: beside the sources (src/guard/weights). A compiled copy under dist/
// has no weights of its own (tsc copies no JSON), so it falls back to the package's src/ folder.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type LinearModel, loadLinearModel } from './linear-model.js';

export function shippedWeightsPath(file: string): string {
  const beside = fileURLToPath(new URL(`../weights/${file}`, import.meta.url));
  if (existsSync(beside)) return beside;
  return fileURLToPath(new URL(`../../../src/guard/weights/${file}`, import.meta.url));
}

const cache = new Map<string, LinearModel>();

/** Loads a shipped model once per process. */
export function loadShippedModel(file: string): LinearModel {
  let model = cache.get(file);
  if (!model) {
    model = loadLinearModel(shippedWeightsPath(file));
    cache.set(file, model);
  }
  return model;
}
