export { agentTarget, trajectoryOf } from './agent-target.js';
export { functionTarget } from './function-target.js';
export { type HttpTargetOptions, httpTarget, readPath } from './http-target.js';
export { type ModelTargetOptions, modelTarget } from './model-target.js';
export { shellTarget } from './shell-target.js';
