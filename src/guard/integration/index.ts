export {
  createGuardGatewayHooks,
  type GuardGatewayHooks,
  type GuardGatewayHooksOptions,
  requestSources,
} from './gateway-guard-hooks.js';
export { type GuardToolResultsOptions, guardToolResults } from './guard-tool-results.js';
