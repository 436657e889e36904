import type { ErrorDefinition } from './error-definition.js';

/** Errors of the benchmark task-file adapters (GAIA, WebArena, AgentBench) in src/eval/benchmarks. */
export const benchmarkTaskErrors = {
  EVAL_TASK_FILE_INVALID: {
    description:
      "A benchmark task file (GAIA, WebArena or AgentBench format) cannot be read: not JSON/JSONL, or a task lacks a field its format requires (GAIA 'Question', WebArena 'intent' and 'eval', AgentBench 'description' and 'evaluation' or 'label'); the message names the line or task.",
    httpStatus: 400,
    exitCode: 2,
  },
  EVAL_TASK_FORMAT_UNKNOWN: {
    description:
      "A task file's format is not one of gaia, webarena, agentbench, or could not be recognised from its fields; pass --format.",
    httpStatus: 400,
    exitCode: 2,
  },
} as const satisfies Record<string, ErrorDefinition>;
