// Finds the labelled guard datasets: GANTRY_GUARD_DATASETS, then configuration, then the shared folder
// that sits beside the repository clone (`<repo>/../shared/datasets/guard`), as in CI.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GantryError } from '../../errors/index.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function locateDatasets(configured?: string): string {
  const candidates = [
    process.env.GANTRY_GUARD_DATASETS,
    configured,
    join(repositoryRoot, '..', 'shared', 'datasets', 'guard'),
  ].filter((path): path is string => Boolean(path));
  for (const candidate of candidates) if (existsSync(candidate)) return resolve(candidate);
  throw new GantryError(
    'GUARD_DATASET_MISSING',
    `No guard dataset folder found (looked in ${candidates.join(', ')}).`,
    {
      hint: 'Set GANTRY_GUARD_DATASETS to the folder holding deepset-prompt-injections/, presidio-synth-pii/, ...',
      details: { candidates },
    },
  );
}

/** As locateDatasets, but undefined where no folder is found (for callers that skip what needs the data). */
export function datasetsIfPresent(configured?: string): string | undefined {
  try {
    return locateDatasets(configured);
  } catch {
    return undefined;
  }
}
