export { type CarefulShopPolicyOptions, carefulShopPolicy } from './careful-shop-policy.js';
export { generateCatalogue, inStock, type Product } from './catalogue.js';
export { generateDecoys } from './decoys.js';
export { heuristicShopPolicy } from './heuristic-shop-policy.js';
export { type ParsedGoal, parseShopInstruction } from './parse-instruction.js';
export { generateTasks, type ShopGoal, type ShopTask, satisfiesGoal } from './shop-tasks.js';
export { type FitSpec, productTypes, type TypeSpec } from './vocabulary.js';
export {
  type WebShopEnvironment,
  type WebShopEnvironmentOptions,
  webShopEnvironment,
} from './webshop-environment.js';
export { type Purchase, type WebShopReward, webShopReward } from './webshop-reward.js';
export { type ShopSession, startWebShopServer, type WebShopServer } from './webshop-server.js';
export { type EnvironmentTool, recordTools, webShopTools } from './webshop-tools.js';
