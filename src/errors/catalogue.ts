// Every error code Gantry can raise, in one place; docs/errors.md mirrors this list (a test checks).
// Codes are never reused. Each subsystem keeps its codes in its own file under codes/.
import { agentErrors } from './codes/agent.js';
import { benchmarkTaskErrors } from './codes/benchmark-tasks.js';
import { coreErrors } from './codes/core.js';
import { costRoutingErrors } from './codes/cost-routing.js';
import { evalErrors } from './codes/eval.js';
import { gatewayErrors } from './codes/gateway.js';
import { gatewayApiErrors } from './codes/gateway-apis.js';
import { guardErrors } from './codes/guard.js';
import { guardModelErrors } from './codes/guard-models.js';
import { jobsErrors } from './codes/jobs.js';
import { llamaErrors } from './codes/llama.js';
import { memoryErrors } from './codes/memory.js';
import { ragErrors } from './codes/rag.js';
import { reasonErrors } from './codes/reason.js';
import { securityErrors } from './codes/security.js';
import { storeErrors } from './codes/store.js';
import { teamErrors } from './codes/team.js';

export const errorCatalogue = {
  ...coreErrors,
  ...agentErrors,
  ...ragErrors,
  ...gatewayErrors,
  ...guardErrors,
  ...guardModelErrors,
  ...evalErrors,
  ...teamErrors,
  ...reasonErrors,
  ...memoryErrors,
  ...storeErrors,
  ...securityErrors,
  ...llamaErrors,
  ...gatewayApiErrors,
  ...costRoutingErrors,
  ...benchmarkTaskErrors,
  ...jobsErrors,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;
