// Work spread over machines: agent runs, team runs, eval examples and gateway batches as jobs on a
// Redis queue (BullMQ), run by `gantry worker` processes sharing Redis and the database.
export {
  type AgentRunHandlerOptions,
  type AgentRunJobResult,
  agentRunHandler,
  type BuiltAgent,
} from './agent-run-handler.js';
export {
  type ConfiguredHandlers,
  type ConfiguredHandlersOptions,
  configuredHandlers,
} from './configured-handlers.js';
export {
  type EvalExampleJobResult,
  type EvalHandlerOptions,
  evalExampleHandler,
  evalFinishHandler,
} from './eval-handlers.js';
export { type GatewayBatchHandlerOptions, gatewayBatchHandler } from './gateway-batch-handler.js';
export type { JobContext, JobHandler, JobHandlers, JobProgress } from './job-handler.js';
export {
  type AgentRunJob,
  type EvalExampleJob,
  type EvalFinishJob,
  type GatewayBatchJob,
  type JobData,
  type JobKind,
  jobKinds,
  parseJobData,
  type TeamRunJob,
} from './job-kinds.js';
export {
  createJobQueue,
  type JobQueue,
  type JobQueueOptions,
  type JobState,
  type JobStatus,
  safeJobId,
} from './job-queue.js';
export { openRedisConnection } from './redis-connection.js';
export { requireJobsConfig } from './require-jobs-config.js';
export { type JobWorker, type JobWorkerOptions, startJobWorker, type WorkerEvent } from './start-worker.js';
export { type TeamRunHandlerOptions, type TeamRunJobResult, teamRunHandler } from './team-run-handler.js';
