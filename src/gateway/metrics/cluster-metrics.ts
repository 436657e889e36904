// /metrics under `gantry serve --workers N`: a scrape reaches whichever worker accepted the
// connection, so that worker asks the primary, the primary asks every worker for its metrics (as
// prom-client JSON) over the cluster's IPC channel, merges them with prom-client's
// AggregatorRegistry (counters and histograms summed, the breaker gauge by maximum) and sends the
// text back. A worker that does not answer within the timeout is left out (and counted).
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

interface CollectRequest {
  type: 'gantry:metrics:collect';
  id: number;
}
interface WorkerRequest {
  type: 'gantry:metrics:request';
  id: number;
}
interface WorkerAnswer {
  type: 'gantry:metrics:answer';
  id: number;
  metrics: MetricsJson;
}
interface CollectResult {
  type: 'gantry:metrics:result';
  id: number;
  text: string;
}

const timeoutMs = 2_000;
let nextId = 1;
const waiting = new Map<number, (text: string | undefined) => void>();
let localSource: (() => Promise<MetricsJson>) | undefined;

/**
 * In a worker: answers the primary's requests with this process's metrics. Called by the gateway
 * that owns /metrics; outside a cluster it does nothing.
 */
export function shareWorkerMetrics(source: () => Promise<MetricsJson>): void {
  if (!cluster.isWorker) return;
  const first = localSource === undefined;
  localSource = source;
  if (!first) return;
  process.on('message', (message: unknown) => {
    const m = message as { type?: string; id?: number; text?: string };
    if (m.type === 'gantry:metrics:request' && m.id !== undefined && localSource) {
      const id = m.id;
      localSource().then(
        (metrics) => process.send?.({ type: 'gantry:metrics:answer', id, metrics } satisfies WorkerAnswer),
        () => process.send?.({ type: 'gantry:metrics:answer', id, metrics: [] } satisfies WorkerAnswer),
      );
    } else if (m.type === 'gantry:metrics:result' && m.id !== undefined) {
      waiting.get(m.id)?.(m.text);
      waiting.delete(m.id);
    }
  });
}

/** The metrics text of every worker merged; outside a cluster (or without an answer), `local()`. */
export async function clusterMetricsText(local: () => Promise<string>): Promise<string> {
  if (!cluster.isWorker || !process.send || !localSource) return local();
  const id = nextId++;
  const merged = await new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      resolve(undefined);
    }, timeoutMs + 500);
    waiting.set(id, (text) => {
      clearTimeout(timer);
      resolve(text);
    });
    process.send?.({ type: 'gantry:metrics:collect', id } satisfies CollectRequest);
  });
  return merged ?? local();
}

/** In the primary: serves the workers' collect requests. Returns a function that stops it. */
export function serveClusterMetrics(): () => void {
  let nextRequest = 1;
  const rounds = new Map<number, { answers: MetricsJson[]; expected: number; done: () => void }>();
  const onMessage = (worker: Worker, message: unknown) => {
    const m = message as { type?: string; id?: number; metrics?: MetricsJson };
    if (m.type === 'gantry:metrics:collect' && m.id !== undefined) {
      void collect(worker, m.id);
    } else if (m.type === 'gantry:metrics:answer' && m.id !== undefined) {
      const round = rounds.get(m.id);
      if (!round) return;
      round.answers.push(m.metrics ?? []);
      if (round.answers.length === round.expected) round.done();
    }
  };
  async function collect(asker: Worker, askerId: number): Promise<void> {
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    const id = nextRequest++;
    const answers: MetricsJson[] = [];
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      rounds.set(id, {
        answers,
        expected: workers.length,
        done: () => {
          clearTimeout(timer);
          resolve();
        },
      });
      for (const w of workers) w.send({ type: 'gantry:metrics:request', id } satisfies WorkerRequest);
    });
    rounds.delete(id);
    let text: string;
    try {
      text = await AggregatorRegistry.aggregate(answers).metrics();
    } catch (error) {
      text = `# gantry: metrics could not be merged: ${(error as Error).message}\n`;
    }
    if (answers.length < workers.length) {
      text += `# gantry: ${workers.length - answers.length} of ${workers.length} workers did not answer in time\n`;
    }
    if (asker.isConnected())
      asker.send({ type: 'gantry:metrics:result', id: askerId, text } satisfies CollectResult);
  }
  cluster.on('message', onMessage);
  return () => cluster.off('message', onMessage);
}
