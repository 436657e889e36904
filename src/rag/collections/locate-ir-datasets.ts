// Finds the shared IR test collections: $GANTRY_IR_DATASETS, else `<repo>/../shared/datasets/ir`
// (in CI the shared folder sits beside the clone).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function irDatasetsRoot(environment: NodeJS.ProcessEnv = process.env): string {
  const override = environment.GANTRY_IR_DATASETS;
  if (override) return resolve(override);
  return resolve(repositoryRoot, '..', 'shared', 'datasets', 'ir');
}

/** Whether a collection's folder exists, for tests that skip when the shared data is absent. */
export function hasTestCollection(name: string, root = irDatasetsRoot()): boolean {
  return existsSync(resolve(root, name));
}
