export {
  generateCatalogue,
  generateDecoys,
  generateTasks,
  type Product,
  type ShopTask,
} from './catalogue.js';
export { heuristicShopPolicy } from './heuristic-shop-policy.js';
export {
  type WebShopEnvironment,
  type WebShopEnvironmentOptions,
  webShopEnvironment,
} from './webshop-environment.js';
export { type Purchase, type WebShopReward, webShopReward } from './webshop-reward.js';
export { type ShopSession, startWebShopServer, type WebShopServer } from './webshop-server.js';
export { type EnvironmentTool, recordTools, webShopTools } from './webshop-tools.js';
