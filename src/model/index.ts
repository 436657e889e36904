export {
  type CassetteEntry,
  type CassetteOptions,
  createCassetteFetch,
  loadCassette,
} from './cassette/cassette-fetch.js';
export { requestHash } from './cassette/request-hash.js';
export { countTokens, type TokenizerChoice, type TokenizerName, tokenizerFor } from './count-tokens.js';
export {
  gatewayBaseURL,
  gatewayRouteModel,
  isGatewayRoute,
  type RouteConfig,
} from './gateway-route-model.js';
export { asModelCallError } from './model-call-error.js';
export { type ModelSpec, parseModelSpec } from './parse-model-spec.js';
export {
  applyConfiguredPrices,
  type CostInput,
  estimateCost,
  type ModelPrice,
  priceFor,
  setModelPrice,
} from './price-table.js';
export {
  builtInProviders,
  type FetchFunction,
  lookUp,
  type ResolveModelOptions,
  resolveEmbeddingModel,
  resolveModel,
} from './resolve-model.js';
export { loadScriptFileModel, scriptProviderName } from './script-file-model.js';
export {
  createScriptedModel,
  type ScriptedCall,
  type ScriptedFailure,
  type ScriptedModel,
  type ScriptedModelOptions,
  type ScriptedResponse,
  type ScriptedStep,
  type ScriptedToolCall,
} from './scripted-model.js';
