export {
  createGuardGatewayHooks,
  type GuardGatewayHooks,
  type GuardGatewayHooksOptions,
} from './gateway-guard-hooks.js';
export { type GuardToolResultsOptions, guardToolResults } from './guard-tool-results.js';
