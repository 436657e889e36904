import type { ErrorDefinition } from './error-definition.js';

export const guardErrors = {
  GUARD_BLOCKED: {
    description: 'A guard policy blocked a request, a response or a tool result (a scanner finding).',
    httpStatus: 400,
    exitCode: 1,
  },
  GUARD_OPTIONS_INVALID: {
    description: 'A guard policy or scanner was given invalid options (unknown scanner, bad pattern).',
    httpStatus: 500,
    exitCode: 2,
  },
  GUARD_WEIGHTS_INVALID: {
    description: 'A shipped or configured classifier weights file is missing or not in the expected format.',
    httpStatus: 500,
    exitCode: 1,
  },
  GUARD_DATASET_MISSING: {
    description:
      'A labelled guard dataset (for training or evaluation) was not found or could not be parsed.',
    httpStatus: 404,
    exitCode: 1,
  },
  GUARD_MODEL_SCANNER_FAILED: {
    description: 'A model-backed scanner (moderation or classification endpoint) failed or answered badly.',
    httpStatus: 502,
    exitCode: 1,
  },
  MONITOR_WINDOW_EMPTY: {
    description: 'A drift report was asked for a window with too few recorded guard events to compare.',
    httpStatus: 404,
    exitCode: 1,
  },
  MONITOR_WEBHOOK_FAILED: {
    description: 'A drift alert could not be delivered to the configured webhook.',
    httpStatus: 502,
    exitCode: 1,
  },
} as const satisfies Record<string, ErrorDefinition>;
