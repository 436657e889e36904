// Without onnxruntime-node (an optional peer dependency) an ONNX rule explains what to install, and a
// policy falls back to the rule's onFailure instead of failing the request.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGuardPolicy, loadOnnxClassifier, writeTinyClassifier } from '../src/guard/index.js';

vi.mock('onnxruntime-node', () => {
  throw new Error("Cannot find package 'onnxruntime-node'");
});

let model: string;
beforeAll(async () => {
  model = join(await mkdtemp(join(tmpdir(), 'gantry-onnx-missing-')), 'tiny');
  await writeTinyClassifier(model);
});
afterAll(() => rm(join(model, '..'), { recursive: true, force: true }));

describe('ONNX classifier without onnxruntime-node', () => {
  it('says which package to install', async () => {
    await expect(loadOnnxClassifier({ model })).rejects.toMatchObject({
      code: 'GUARD_ONNX_RUNTIME_MISSING',
      hint: expect.stringContaining('npm install onnxruntime-node'),
    });
  });

  it('lets the rule’s onFailure decide in a policy', async () => {
    const policy = createGuardPolicy({
      models: [{ protocol: 'onnx', model, onFailure: 'flag' }],
      pii: { enabled: false },
    });
    const result = await policy.checkTextAsync('What is the capital of France?');
    expect(result.action).toBe('flag');
    expect(result.findings).toEqual([
      expect.objectContaining({
        type: 'model-unavailable',
        value: expect.stringMatching(/needs onnxruntime-node/),
      }),
    ]);
  });
});
