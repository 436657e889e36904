export {
  type CustomerServiceEnvironment,
  type CustomerServiceEnvironmentOptions,
  customerServiceEnvironment,
  judgeSupportOutcome,
  type SupportOutcome,
} from './customer-service-environment.js';
// Names that other areas could also use (Order, dice...) are exported with a retail prefix.
export {
  type ActionResult as RetailActionResult,
  applyAction as applyRetailAction,
  type RetailAction,
} from './retail-actions.js';
export {
  addCustomer as addRetailCustomer,
  addOrder as addRetailOrder,
  type Customer as RetailCustomer,
  cloneDatabase as cloneRetailDatabase,
  type Dice as RetailDice,
  databaseDiff,
  dice as retailDice,
  generateRetailDatabase,
  type Order as RetailOrder,
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
