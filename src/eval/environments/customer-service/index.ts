export {
  type CustomerServiceEnvironment,
  type CustomerServiceEnvironmentOptions,
  customerServiceEnvironment,
  judgeSupportOutcome,
  type SupportOutcome,
} from './customer-service-environment.js';
export {
  type ActionResult,
  applyAction,
  cancelOrder,
  exchangeItem,
  type RetailAction,
  refundItems,
} from './retail-actions.js';
export {
  addCustomer,
  addOrder,
  type Customer,
  cloneDatabase,
  databaseDiff,
  dice,
  generateRetailDatabase,
  type Order,
  type RetailDatabase,
} from './retail-database.js';
export { carefulSupportPolicy, naiveSupportPolicy } from './scripted-support-policies.js';
export {
  type ModelUserOptions,
  modelUser,
  type SimulatedUser,
  scriptedUser,
  type UserFactory,
  type UserGoal,
  userStop,
} from './simulated-user.js';
export { supportPolicy } from './support-policy.js';
export { type SupportTask, supportTasks, type TaskScenario } from './support-tasks.js';
export { type SupportSession, supportTools } from './support-tools.js';
