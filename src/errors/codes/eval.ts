import type { ErrorDefinition } from './error-definition.js';

export const evalErrors = {
  EVAL_FILE_INVALID: {
    description:
      'An eval file (gantry.eval.yaml) is not valid: a missing field, an unknown scorer or target kind.',
    httpStatus: 400,
    exitCode: 2,
  },
  EVAL_DATASET_INVALID: {
    description: 'A dataset file (JSONL, CSV, YAML) could not be parsed or a row lacks an input.',
    httpStatus: 400,
    exitCode: 2,
  },
  EVAL_TEMPLATE_VARIABLE_MISSING: {
    description: 'A prompt template names a {{variable}} that the example does not have.',
    httpStatus: 400,
    exitCode: 2,
  },
  EVAL_SCORER_INPUT_INVALID: {
    description: 'A scorer was given input it cannot score (no reference answer, mismatched lengths, k > n).',
    httpStatus: 400,
    exitCode: 1,
  },
  EVAL_TARGET_FAILED: {
    description: 'A target (model, HTTP endpoint, command, agent) failed on an example after all retries.',
    httpStatus: 502,
    exitCode: 1,
  },
  EVAL_TIMEOUT: {
    description: 'A target took longer than the per-example timeout.',
    httpStatus: 504,
    exitCode: 1,
  },
  EVAL_JUDGE_OUTPUT_INVALID: {
    description: 'A judge model answered in a form the judge cannot read (no score, no verdict).',
    httpStatus: 502,
    exitCode: 1,
  },
  EVAL_REGRESSION: {
    description: 'A compared run scored lower than its baseline by more than the allowed threshold (--ci).',
    httpStatus: 409,
    exitCode: 1,
  },
  EVAL_ENVIRONMENT_INVALID: {
    description:
      'An environment action was invalid (unknown product, option or page) or its data could not be loaded.',
    httpStatus: 400,
    exitCode: 1,
  },
} as const satisfies Record<string, ErrorDefinition>;
