// gantry/memory: working (profiles), episodic (turns, session summaries) and semantic (facts) memory,
// recall over all three, forgetting and erasure, and context assembly under one token budget.
export { applyProfileChanges } from './apply-profile-changes.js';
export {
  type AssembleContextInput,
  type AssembledContext,
  assembleContext,
  type ContextDecision,
  type ContextToolResult,
  contextTokens,
} from './assemble-context.js';
export { type ConversationFile, conversationTurns } from './conversation-file.js';
export { createMemory } from './create-memory.js';
export { defaultRecallWeights, recencyHalfLifeMs } from './default-recall-weights.js';
export { estimateImportance } from './estimate-importance.js';
export { type CandidateFact, extractFacts } from './extract-facts.js';
export { extractFactsWithModel } from './extract-facts-with-model.js';
export { type MemoryScope, type ResolvedScope, resolveScope } from './memory-scope.js';
export { type MemoryToolsOptions, memoryTools } from './memory-tools.js';
export type { FactChange, Memory, MemoryOptions, TurnInput } from './memory-types.js';
export { parseTimeRange, type TimeRange } from './parse-time-range.js';
export type { MemoryKind, RecallItem, RecallOptions, RecallWeights } from './recall-types.js';
export { summarizeExtractively, summarizeWithModel } from './summarize-session.js';
