export { type GEvalOptions, gEval, scoreDistributionFromLogprobs } from './g-eval.js';
export { type JudgeCheckPair, type JudgeCheckReport, judgeCheck } from './judge-check.js';
export { judgePrompt, type LlmJudgeOptions, llmJudge } from './llm-judge.js';
export {
  type PairVerdict,
  type PairwiseJudge,
  type PairwiseJudgeOptions,
  type PairwiseResult,
  pairwiseJudge,
} from './pairwise-judge.js';
export { parseJudgeJson } from './parse-judge-json.js';
