// `gantry serve --workers N`: a primary process forks N workers (node:cluster) that share one
// listening socket; each runs the whole server. The primary restarts a worker that crashes and,
// on SIGINT/SIGTERM, passes the signal on and waits for every worker to drain and exit.
import cluster from 'node:cluster';
import { serveClusterMetrics } from '../gateway/metrics/index.js';

export interface RunClusterOptions {
  workers: number;
  log?: (line: string) => void;
}

/** In the primary: supervises workers and resolves with the exit code. Not for worker processes. */
export function runCluster({
  workers,
  log = (line) => process.stderr.write(`${line}\n`),
}: RunClusterOptions): Promise<number> {
  let stopping = false;
  // Live workers, counted here: a worker leaves `cluster.workers` only once it has both exited and
  // disconnected, and its 'exit' can come first, so that list can still hold the last one when it exits
  // (the primary then never resolved, and exited with 13, an unsettled top-level await).
  let live = 0;
  const fork = () => {
    cluster.fork();
    live++;
  };
  const stopMetrics = serveClusterMetrics();
  for (let i = 0; i < workers; i++) fork();
  log(`gantry: primary ${process.pid} started ${workers} workers`);
  return new Promise<number>((resolve) => {
    cluster.on('exit', (worker, code, signal) => {
      live--;
      if (!stopping) {
        log(`gantry: worker ${worker.process.pid} exited (${signal ?? code}); starting a new one`);
        fork();
        return;
      }
      if (live === 0) {
        stopMetrics();
        resolve(0);
      }
    });
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) return resolve(130);
      stopping = true;
      log(`gantry: ${signal} received, stopping ${workers} workers`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export const isClusterPrimary = (): boolean => cluster.isPrimary;

/**
 * Ends a worker once its server has drained: a worker's IPC channel to the primary would otherwise
 * keep it alive. Outside a cluster, does nothing.
 */
export function exitIfWorker(code: number): void {
  if (cluster.isWorker) process.exit(code);
}
