// The gateway's batch service: the runner and the /v1/files and /v1/batches routes, on a store that
// has the batches domain (undefined otherwise). Unfinished batches are resumed when it is created.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GantryConfig } from '../../config/index.js';
import type { GatewayBatchRepository, GatewayFileRepository, GatewayKeyLimits } from '../../store/index.js';
import type { AuthenticatedKey, KeyService, Scope } from '../keys/index.js';
import type { Route } from '../routing/index.js';
import type { GatewayState } from '../state/index.js';
import type { UsageRecorder } from '../usage/index.js';
import { createBatchRoutes } from './batch-routes.js';
import { createBatchRunner } from './batch-runner.js';

export interface BatchServiceOptions {
  store: { gatewayFiles?: GatewayFileRepository; gatewayBatches?: GatewayBatchRepository };
  settings: GantryConfig['gateway']['batches'];
  routes: ReadonlyMap<string, Route>;
  state: GatewayState;
  usage: UsageRecorder;
  keys: KeyService;
  defaultLimits: GatewayKeyLimits;
  bodyLimitBytes: number;
  caller: (req: IncomingMessage, scope: Scope) => Promise<AuthenticatedKey | undefined>;
  onInternalError: (error: unknown) => void;
}

export interface BatchService {
  /** Serves the path if it is a files or batches route; false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  close(): Promise<void>;
}

export function createBatchService(options: BatchServiceOptions): BatchService | undefined {
  const { gatewayFiles: files, gatewayBatches: batches } = options.store;
  if (!files || !batches) return undefined;
  const { settings, defaultLimits, keys, onInternalError } = options;
  const runner = createBatchRunner({
    batches,
    files,
    routes: options.routes,
    state: options.state,
    usage: options.usage,
    concurrency: settings.concurrency,
    rateLimitAttempts: settings.rateLimitAttempts,
    async ownerOf(keyId) {
      if (keyId === null) return { limits: defaultLimits, models: null };
      const key = (await keys.list()).find((k) => k.id === keyId);
      return key ? { limits: { ...defaultLimits, ...key.limits }, models: key.models } : undefined;
    },
    onInternalError,
  });
  const handle = createBatchRoutes({
    files,
    batches,
    runner,
    caller: options.caller,
    defaultLimits,
    maximumFileBytes: settings.maximumFileBytes,
    maximumLines: settings.maximumLines,
    bodyLimitBytes: options.bodyLimitBytes,
  });
  runner.resumeAll().catch(onInternalError);
  return { handle, close: () => runner.close() };
}
