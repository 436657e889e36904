export {
  type ChainOfVerificationOptions,
  chainOfVerification,
  type Verification,
} from './agentic/chain-of-verification.js';
export {
  type ConstitutionalOptions,
  type ConstitutionalPolicyResult,
  type Critique,
  constitutionalPolicy,
  constitutionalRevision,
} from './agentic/constitutional.js';
export { type DepsOptions, type DepsRecord, deps, type StepOutcome } from './agentic/deps.js';
export {
  type ExecutedStep,
  type PlanAndExecuteOptions,
  parsePlanSteps,
  planAndExecute,
} from './agentic/plan-and-execute.js';
export { type ReactOptions, react } from './agentic/react.js';
export { type Evaluation, type ReflexionOptions, reflexion } from './agentic/reflexion.js';
export {
  parseRewooPlan,
  type RewooOptions,
  type RewooStep,
  rewoo,
  rewooPlannerPrompt,
} from './agentic/rewoo.js';
export { type Refinement, type SelfRefineOptions, selfRefine } from './agentic/self-refine.js';
export {
  type AnswerKind,
  type AnswerNormaliser,
  answerNormalisers,
  choiceAnswer,
  numericAnswer,
  textAnswer,
} from './answer-normalisers.js';
export { type BestOfNOptions, bestOfN, type ScoredCandidate } from './best-of-n.js';
export { type JudgeVerifierOptions, judgeVerifier } from './judge-verifier.js';
export { promptText } from './prompt-text.js';
export {
  type AskOptions,
  createReasoningContext,
  type ReasoningContext,
  type ReasoningOptions,
  runReasoning,
  type StrategyOutcome,
} from './reasoning-context.js';
export type { CallRole, ReasoningCall, ReasoningResult, ReasoningStopReason } from './reasoning-result.js';
export { ReasoningStop } from './reasoning-stop.js';
export { createReplayedModel, type RecordedAnswer, type ReplayedModelOptions } from './replayed-model.js';
export { resolveNormaliser } from './resolve-normaliser.js';
export { type RewardModelVerifierOptions, rewardModelVerifier } from './reward-model-verifier.js';
export {
  isStrategyName,
  type RunStrategyOptions,
  runStrategy,
  type StrategyName,
  strategyNames,
} from './run-strategy.js';
export {
  apply as apply24,
  canReach24,
  countSolutions,
  type Game24State,
  game24Root,
  game24Task,
  legalSteps,
  parseProposals,
  parseValue,
  proposePrompt,
  solves24,
  valuePrompt,
} from './search/game-24.js';
export { createScriptedGame24Model, type ScriptedGame24Options } from './search/scripted-game-24-model.js';
export {
  arithmeticStepVerifier,
  type ProcessVerifier,
  type StepBeamSearchOptions,
  type StepPath,
  stepBeamSearch,
} from './search/step-beam-search.js';
export { type TextTreeState, textTreeTask } from './search/text-tree-task.js';
export {
  type SearchKind,
  type TreeOfThoughtExtra,
  type TreeOfThoughtOptions,
  treeOfThought,
} from './search/tree-of-thought.js';
export {
  defaultSamplePrompt,
  type Sample,
  type SelfConsistencyExtra,
  type SelfConsistencyOptions,
  selfConsistency,
} from './self-consistency.js';
export { type StrategyTarget, strategyTarget } from './strategy-target.js';
export {
  type DataCard,
  type ExportOptions,
  renderDataCard,
  toOpenAiChatJsonl,
  toShareGptJsonl,
  writeStarDataset,
} from './synthetic/export-chat-jsonl.js';
export {
  defaultLeakPatterns,
  type StarCounts,
  type StarExample,
  type StarExtra,
  type StarOptions,
  type StarProblem,
  starGenerate,
} from './synthetic/star.js';
export type { Candidate, Verifier } from './verifier.js';
export { answerFeatureNames, answerFeatures, type FeatureCandidate } from './verify/answer-features.js';
export { type ArithmeticCheck, checkArithmetic } from './verify/arithmetic-check.js';
export {
  type LogisticScorer,
  scoreWith,
  type TrainingRow,
  type TrainOptions,
  trainLogisticScorer,
} from './verify/logistic-scorer.js';
export { trainedVerifier } from './verify/trained-verifier.js';
export { isVoteDecided, type TallyEntry, tallyVotes, type Vote } from './vote.js';
