// /v1/files and /v1/batches: batch jobs run by the gateway against its routes, resumable after a restart.

export { createBatchRoutes } from './batch-routes.js';
export { type BatchRunner, createBatchRunner } from './batch-runner.js';
export { type BatchService, createBatchService } from './create-batch-service.js';
