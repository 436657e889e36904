// The handlers `gantry worker` runs: every job kind, built from the configuration and the store
// (agents as `gantry run` builds them, teams from the job's team file text, evals from the file).
import { createConfiguredAgent } from '../agent/index.js';
import type { GantryConfig } from '../config/index.js';
import type { Store } from '../store/index.js';
import { parseTeamFile, teamFromFile } from '../team/index.js';
import type { Tracer } from '../trace/index.js';
import { agentRunHandler } from './agent-run-handler.js';
import { evalExampleHandler, evalFinishHandler } from './eval-handlers.js';
import { gatewayBatchHandler } from './gateway-batch-handler.js';
import type { JobHandlers } from './job-handler.js';
import { teamRunHandler } from './team-run-handler.js';

export interface ConfiguredHandlersOptions {
  config: GantryConfig;
  store: Store;
  tracer?: Tracer;
}

export interface ConfiguredHandlers {
  handlers: JobHandlers;
  /** Closes what the handlers opened (the gateway hosting batch runs). */
  close(): Promise<void>;
}

export function configuredHandlers({ config, store, tracer }: ConfiguredHandlersOptions): ConfiguredHandlers {
  let gateway: Promise<{ close(): Promise<void> }> | undefined;
  const handlers: JobHandlers = {
    'agent-run': agentRunHandler({
      store,
      agentFor: (data) =>
        createConfiguredAgent({
          config,
          store,
          tracer,
          model: data.model,
          tools: data.tools,
          protocol: data.protocol,
          maximumSteps: data.maximumSteps,
          instructions: data.instructions,
        }),
    }),
    'team-run': teamRunHandler({
      store,
      teamFor: (data) =>
        teamFromFile(parseTeamFile(data.definition, `team run ${data.teamRunId}`), { config, store, tracer }),
    }),
    'eval-example': evalExampleHandler({ store, config }),
    'eval-finish': evalFinishHandler({ store }),
  };
  if (store.gatewayBatches) {
    handlers['gateway-batch'] = gatewayBatchHandler({
      batches: store.gatewayBatches,
      hostRunner: async () => {
        gateway ??= import('../gateway/index.js').then(({ createGateway }) =>
          createGateway({ config, store, tracer }),
        );
        await gateway;
      },
    });
  }
  return {
    handlers,
    async close() {
      if (gateway) await (await gateway).close();
    },
  };
}
