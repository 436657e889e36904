// `gantry serve`: listen, log, and shut down gracefully on SIGINT/SIGTERM (a second signal forces exit).
import type { GantryConfig } from '../config/index.js';
import type { Store } from '../store/index.js';
import type { Tracer } from '../trace/index.js';
import { platformAuthRequired } from './auth/index.js';
import { createGantryServer } from './create-server.js';
import type { Route } from './router.js';
import { assembleServerParts } from './server-parts.js';

export interface RunServerOptions {
  config: GantryConfig;
  store: Store;
  tracer: Tracer;
  /** Extra routes (embedding programs and tests). */
  routes?: Route[];
  log?: (line: string) => void;
}

/** Resolves with the process exit code once the server has shut down. */
export async function runServer({
  config,
  store,
  tracer,
  routes = [],
  log = defaultLog,
}: RunServerOptions): Promise<number> {
  const parts = await assembleServerParts({ config, store, tracer });
  const gantry = createGantryServer({
    config,
    store,
    routes: [...parts.routes, ...routes],
    mounts: parts.mounts,
    keys: parts.keys,
    onClose: async () => {
      for (const close of parts.close) await close();
      await tracer.close();
      await store.close();
    },
  });
  const { url } = await gantry.listen();
  // What /v1/models lists: model aliases and gateway routes (a user with only routes saw "0 models").
  const served = new Set([...Object.keys(config.models), ...Object.keys(config.gateway.routes)]).size;
  log(
    `gantry: listening on ${url} (database ${store.location}; ${served} model${served === 1 ? '' : 's'} served)`,
  );
  if (!platformAuthRequired(config))
    log('gantry: no API key required on this loopback address: requests without a key act as the local user');

  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        log(`gantry: ${signal} again, exiting without waiting`);
        resolve(130);
        return;
      }
      stopping = true;
      log(`gantry: ${signal} received, draining ${gantry.inFlight} in-flight request(s)`);
      gantry.close().then(
        ({ drained }) => {
          log(
            drained ? 'gantry: stopped' : 'gantry: stopped; some requests were cut at the shutdown deadline',
          );
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolve(0);
        },
        (error: unknown) => {
          log(`gantry: error while stopping: ${(error as Error).message}`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

function defaultLog(line: string): void {
  process.stderr.write(`${line}\n`);
}
