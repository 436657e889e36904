// Sends the prompts to one backend under an arrival process and returns each request's record with
// the metrics. Open-loop arrivals keep their schedule whatever the backend does (a slow server builds
// a queue, as in production); `maxConcurrency` caps requests in flight, as vLLM's --max-concurrency.
import { seededRandom } from '../random/index.js';
import { type Arrival, arrivalGaps, describeArrival } from './arrivals.js';
import { type BenchMetrics, calculateMetrics, type Slo } from './calculate-metrics.js';
import { type GeneratorHealth, healthProbe } from './generator-health.js';
import type { RequestRecord } from './request-record.js';
import { type PromptItem, type StreamTarget, streamRequest } from './stream-request.js';
import { RawPool, ShardedPool, ThreadedPool, type WirePool } from './wire/index.js';

export interface BackendTarget {
  /** Name shown in reports (defaults to the URL). */
  label: string;
  url: string;
  model: string;
  apiKey?: string;
  endpoint?: 'chat' | 'completions';
}

export interface LoadOptions {
  arrival: Arrival;
  prompts: PromptItem[];
  maxConcurrency?: number;
  slo?: Slo;
  seed?: number;
  timeoutMs?: number;
  /** Requests sent (and not measured) before the run, to open connections and warm caches. */
  warmup?: number;
  /** Sees every parsed chunk with its arrival time (performance.now()). */
  onChunk?: StreamTarget['onChunk'];
  /** false: non-streamed requests (one JSON answer each). Default true. */
  stream?: boolean;
  /**
   * Own the sockets on a worker thread that only stamps and copies reads (wire/threaded-pool.ts), so that
   * this thread's GC pauses and parsing never delay a stamp. Default false.
   */
  wireThread?: boolean;
  /**
   * A wire thread (implies `wireThread`) that polls its sockets without sleeping while requests are in
   * flight, so no stamp waits for the thread to be woken; it uses a whole core meanwhile, so place it alone
   * on one (`onWireThread`). Default false.
   */
  wireSpin?: boolean;
  /**
   * How many wire threads (implies `wireThread` when > 1): the requests dealt out in turn over that many,
   * each with its own sockets (wire/sharded-pool.ts), for bursts of chunks more than one thread stamps in
   * time. Default 1.
   */
  wireThreads?: number;
  /** A pool to use (and leave open) instead of a new one: to run several loads on one warmed wire thread. */
  pool?: WirePool;
  /** With `wireThread`: called with the wire threads' kernel thread ids (Linux) before the run, e.g. to
   * place each on a core of its own. */
  onWireThreads?: (tids: (number | undefined)[], pool: ThreadedPool | ShardedPool) => void | Promise<void>;
}

export interface LoadResult {
  backend: string;
  model: string;
  url: string;
  arrival: string;
  maxConcurrency?: number;
  metrics: BenchMetrics;
  /** The generator's own CPU time and wait for a CPU during the run (Linux); see generator-health.ts. */
  generator?: GeneratorHealth;
  records: RequestRecord[];
}

export async function runLoad(backend: BackendTarget, options: LoadOptions): Promise<LoadResult> {
  const { arrival, prompts, slo, seed = 1, timeoutMs = 120_000, warmup = 0 } = options;
  const concurrencyCap =
    arrival.kind === 'concurrency'
      ? arrival.concurrency
      : (options.maxConcurrency ?? Number.POSITIVE_INFINITY);
  const origin = new URL(new URL(backend.url).origin);
  const wireThreads = options.wireThreads ?? 1;
  const wireOptions = { spin: options.wireSpin === true };
  const threaded = options.pool
    ? undefined
    : wireThreads > 1
      ? new ShardedPool(wireThreads, origin, timeoutMs, {}, wireOptions)
      : options.wireThread || options.wireSpin
        ? new ThreadedPool(origin, timeoutMs, {}, wireOptions)
        : undefined;
  const pool: WirePool = options.pool ?? threaded ?? new RawPool(origin, timeoutMs);
  const target: StreamTarget = {
    url: new URL(backend.url),
    model: backend.model,
    apiKey: backend.apiKey,
    endpoint: backend.endpoint ?? 'chat',
    pool,
    stream: options.stream,
    timeoutMs,
    onChunk: options.onChunk,
  };
  try {
    if (threaded)
      await options.onWireThreads?.(
        threaded instanceof ShardedPool ? await threaded.wireThreadIds : [await threaded.wireThreadId],
        threaded,
      );
    for (let i = 0; i < warmup; i++) await streamRequest(target, prompts[i % prompts.length], 0);
    // The warm-up's garbage and connections out of the wire thread's young generation before the run.
    if (warmup > 0 && (pool instanceof ThreadedPool || pool instanceof ShardedPool)) await pool.settle();
    const gaps = arrivalGaps(arrival, prompts.length, seededRandom(seed));
    const records: RequestRecord[] = new Array(prompts.length);
    const start = performance.now();
    const health = healthProbe();
    let inFlight = 0;
    const waiting: (() => void)[] = [];
    const slot = () =>
      inFlight < concurrencyCap ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve));
    const pending: Promise<void>[] = [];
    let due = 0;
    for (let i = 0; i < prompts.length; i++) {
      due += gaps[i];
      const wait = start + due - performance.now();
      if (wait > 1) await sleep(wait);
      await slot();
      inFlight++;
      const sentAt = performance.now() - start;
      pending.push(
        streamRequest(target, prompts[i], sentAt).then((record) => {
          records[i] = record;
          inFlight--;
          waiting.shift()?.();
        }),
      );
    }
    await Promise.all(pending);
    const durationMs = performance.now() - start;
    const generator = health();
    return {
      backend: backend.label,
      model: backend.model,
      url: backend.url,
      arrival: describeArrival(arrival),
      ...(Number.isFinite(concurrencyCap) && arrival.kind !== 'concurrency'
        ? { maxConcurrency: concurrencyCap }
        : {}),
      metrics: calculateMetrics(records, durationMs, slo),
      ...(generator ? { generator } : {}),
      records,
    };
  } finally {
    if (!options.pool) await pool.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
