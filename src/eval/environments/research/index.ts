export { heuristicResearchPolicy } from './heuristic-research-policy.js';
export {
  extractCitations,
  type ResearchEnvironment,
  type ResearchEnvironmentOptions,
  type ResearchReward,
  type ResearchTask,
  researchEnvironment,
  researchReward,
} from './research-environment.js';
export { researchTools } from './research-tools.js';
