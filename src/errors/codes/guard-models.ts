import type { ErrorDefinition } from './error-definition.js';

/** Groundedness checks and model-backed guard scanners. */
export const guardModelErrors = {
  GUARD_GROUNDEDNESS_JUDGE_INVALID: {
    description:
      'The groundedness judge is misconfigured (no model, or an endpoint without baseUrl or model).',
    httpStatus: 500,
    exitCode: 2,
  },
  GUARD_GROUNDEDNESS_JUDGE_FAILED: {
    description:
      'The groundedness judge model failed, ran over its time budget or answered without verdicts (raised only with onJudgeFailure: throw).',
    httpStatus: 502,
    exitCode: 1,
  },
  GUARD_GROUNDEDNESS_SOURCES_INVALID: {
    description: 'A groundedness check was given sources that are not an array of strings.',
    httpStatus: 400,
    exitCode: 2,
  },
  GUARD_MODEL_SCANNER_INVALID: {
    description:
      'A model-backed guard scanner is misconfigured (no baseUrl or model, unknown protocol, bad time budget or fallback).',
    httpStatus: 500,
    exitCode: 2,
  },
  GUARD_ONNX_RUNTIME_MISSING: {
    description:
      'An ONNX classifier scanner is configured but onnxruntime-node (an optional peer dependency) is not installed.',
    httpStatus: 500,
    exitCode: 2,
  },
  GUARD_ONNX_MODEL_INVALID: {
    description:
      'An ONNX classifier folder or hf: id cannot be used: missing model.onnx/tokenizer.json/config.json, unreadable files, or a graph whose inputs or logits do not fit a text classifier.',
    httpStatus: 500,
    exitCode: 2,
  },
} as const satisfies Record<string, ErrorDefinition>;
