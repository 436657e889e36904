export {
  type GroupedRow,
  groupRows,
  nearDuplicateJaccard,
  splitOfGroup,
  type ThreeWaySplit,
  templatePrefix,
} from './group-rows.js';
export { type HazardGoals, hazardGoals } from './hazard-goals.js';
export { hazardQuestions } from './hazard-questions.js';
export {
  type LabelledText,
  loadBenignPrompts,
  loadDavidson,
  loadDeepset,
  loadJailbreakBench,
  loadPresidioSynth,
  type PiiRecord,
  type Split,
  splitOf,
} from './load-datasets.js';
export { loadRedInstructRows, redInstructSources } from './load-red-instruct.js';
export {
  type DroppedRows,
  duplicateKey,
  loadExtraTaskRows,
  loadJailbreakBenchRows,
  loadSharedTaskRows,
  loadTaskRows,
  neutralGoal,
} from './load-task-rows.js';
export { datasetsIfPresent, locateDatasets } from './locate-datasets.js';
export { dropNearDuplicates, type NearDuplicate } from './near-duplicates.js';
export { parseCsv } from './parse-csv.js';
export { syntheticAnswerTags, syntheticAnswerWords } from './synthetic-answer-tags.js';
export { syntheticHarmful } from './synthetic-harmful.js';
export { syntheticHazardRequests } from './synthetic-hazard-requests.js';
export {
  syntheticBenignQuestions,
  syntheticBenignRequests,
  syntheticJailbreaks,
  syntheticRolePlay,
} from './synthetic-prompts.js';
export { syntheticSafeScary } from './synthetic-safe-scary.js';
export { syntheticShortChat } from './synthetic-short-chat.js';
export { syntheticToxic } from './synthetic-toxic.js';
export {
  type GuardTask,
  guardTasks,
  labelFor,
  type PromptKind,
  type TaskRow,
  taskKinds,
} from './task-rows.js';
