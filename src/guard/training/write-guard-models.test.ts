import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLinearModel, parseLinearModel } from '../classifier/index.js';
import { writeGuardModels } from './train-guard-models.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writeGuardModels', () => {
  it('creates an --out folder that does not exist yet', () => {
    const root = mkdtempSync(join(tmpdir(), 'gantry-weights-'));
    made.push(root);
    const folder = join(root, 'not', 'there');
    const model = createLinearModel('injection', ['benign', 'injection'], 8);
    model.bias[1] = 0.5;
    const [path] = writeGuardModels({ injection: model }, folder);
    expect(path).toBe(join(folder, 'injection.json'));
    expect(existsSync(path)).toBe(true);
    expect(parseLinearModel(readFileSync(path, 'utf8'), path).classes).toEqual(['benign', 'injection']);
  });
});
