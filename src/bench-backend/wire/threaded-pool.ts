// The load generator's sockets on a thread of their own (`--wire-thread`). RawPool stamps each read on
// the main thread, which also parses every event, keeps the records and collects the garbage: at 1,000
// streams a scavenge (1–20 ms on the main thread) or any wait for the core stamps every read that
// arrives meanwhile late, and that is the ITL skew's p99. Here a worker thread owns the sockets and only
// stamps and copies each read (wire-thread-source.ts); the main thread parses the batches it posts,
// each event under its read's stamp (`readClock.now`), so its pauses delay parsing, never a stamp. With
// its own isolate the wire thread's heap barely grows (no per-read allocation), and it can be given a
// core of its own (`wireThreadId` → thread-placement.ts). Same contract as RawPool: one exchange per
// connection, keep-alive reuse, one re-send on a stale reused connection (done on the wire thread).
import type tls from 'node:tls';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { type Exchange, readClock, type WirePool, wireTrace } from './raw-pool.js';
import { ResponseReader } from './response-reader.js';
import { wireThreadSource } from './wire-thread-source.js';

interface Pending {
  exchange: Exchange;
  reader: ResponseReader;
}

interface Batch {
  meta: Float64Array;
  data: Uint8Array;
  errors: string[];
  gc: [number, number, number, number, number, number];
  schedstat?: [number, number, number];
}

interface Settled {
  settled: boolean;
  gc: [number, number, number, number, number, number];
}

interface Ready {
  ready: true;
  timeOrigin: number;
  tid?: number;
}

export interface ThreadedPoolOptions {
  /** The wire thread polls its sockets without sleeping while requests are in flight (it never waits
   * to be woken, at the cost of a whole core): for a wire thread placed alone on a core. */
  spin?: boolean;
  /** Diagnostics: the wire thread reads its scheduler counters with each batch (`wireTrace.onSched`). */
  sched?: boolean;
}

export class ThreadedPool implements WirePool {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 1;
  /** Added to the wire thread's performance.now() to give this thread's. */
  private offset = 0;
  private closed = false;
  private failure: Error | undefined;
  private readonly settling: ((collected: boolean) => void)[] = [];
  /** The wire thread's own GC so far: pauses, total ms, longest ms, bytes allocated, the longest's kind. */
  wireGc: [number, number, number, number, number, number] = [0, 0, 0, 0, 0, 0];
  /** The wire thread's kernel thread id (Linux), once it runs: to place it on a core of its own. */
  readonly wireThreadId: Promise<number | undefined>;

  constructor(
    origin: URL,
    timeoutMs = 120_000,
    tlsOptions: tls.ConnectionOptions = {},
    options: ThreadedPoolOptions = {},
  ) {
    const secure = origin.protocol === 'https:';
    let started: (tid: number | undefined) => void = () => {};
    this.wireThreadId = new Promise((resolve) => {
      started = resolve;
    });
    // A 64 MB young generation for the isolates created from now on (this one's is made already): the
    // wire thread makes ~400 bytes of garbage per read, so it scavenges about once per 150,000 reads.
    // Each scavenge stops its stamps for ~10 ms, which skews the gaps of the chunks in flight meanwhile:
    // at 16 MB (once per ~40,000 reads) that was ~1 % of the gaps, right at the p99 (docs/benchmarks.md,
    // "Backend load generator", fourth pass); at 64 MB it is well under.
    v8.setFlagsFromString('--max-semi-space-size=64');
    v8.setFlagsFromString('--min-semi-space-size=64');
    this.worker = new Worker(wireThreadSource, {
      eval: true,
      workerData: {
        host: origin.hostname.replace(/^\[|\]$/g, ''),
        port: Number(origin.port) || (secure ? 443 : 80),
        secure,
        timeoutMs,
        tlsOptions,
        spin: options.spin === true,
        sched: options.sched === true,
      },
    });
    this.worker.on('message', (message: Batch | Ready | Settled) => {
      if ('ready' in message) {
        this.offset = message.timeOrigin - performance.timeOrigin;
        started(message.tid);
      } else if ('settled' in message) {
        this.wireGc = message.gc;
        this.settling.shift()?.(message.settled);
      } else this.receive(message);
    });
    const lost = (error: Error) => {
      started(undefined);
      this.failure ??= error;
      for (const [, { exchange }] of this.pending) exchange.onError(error);
      this.pending.clear();
      for (const resolve of this.settling.splice(0)) resolve(false);
    };
    this.worker.on('error', (error) => lost(error));
    this.worker.on('exit', (code) => {
      if (!this.closed) lost(new Error(`the wire thread exited (code ${code})`));
    });
  }

  send(request: Buffer, exchange: Exchange): void {
    if (this.closed || this.failure) {
      exchange.onError(this.failure ?? new Error('the connection pool is closed'));
      return;
    }
    const id = this.next++;
    this.pending.set(id, { exchange, reader: new ResponseReader(exchange) });
    this.worker.postMessage({ op: 's', id, request });
  }

  /**
   * Collects the wire thread's garbage now, promoting what lives on (its connections), so that a run
   * that follows starts with an empty young generation: call it between a warm-up and a measured run,
   * with nothing in flight. Resolves to whether it could collect (false: closed, or no GC hook).
   */
  settle(): Promise<boolean> {
    if (this.closed || this.failure) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.settling.push(resolve);
      this.worker.postMessage({ op: 'g' });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage({ op: 'c' });
    await this.worker.terminate();
    for (const resolve of this.settling.splice(0)) resolve(false);
    const error = new Error('the connection pool is closed');
    for (const [, { exchange }] of this.pending) exchange.onError(error);
    this.pending.clear();
  }

  /** One batch from the wire thread: records in arrival order, each handled under its own stamp. */
  private receive({ meta, data, errors, gc, schedstat }: Batch): void {
    this.wireGc = gc;
    if (schedstat) wireTrace.onSched?.(schedstat[0] + this.offset, schedstat[1], schedstat[2]);
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    let position = 0;
    let error = 0;
    for (let r = 0; r < meta.length; r += 4) {
      const id = meta[r];
      const at = meta[r + 1] + this.offset;
      const kind = meta[r + 2];
      const n = meta[r + 3];
      const from = position;
      position += n;
      const message = kind === 2 ? errors[error++] : '';
      if (kind === 0) wireTrace.onRead?.(at, n);
      const entry = this.pending.get(id);
      if (!entry) continue; // already answered (an end after a complete response)
      readClock.now = at;
      const { exchange, reader } = entry;
      if (kind === 0) {
        let used: number;
        try {
          used = reader.push(bytes, from, from + n);
        } catch (failure) {
          this.pending.delete(id);
          this.worker.postMessage({ op: 'r', id, keep: false });
          exchange.onError(failure as Error);
          continue;
        }
        if (reader.done) {
          this.pending.delete(id);
          this.worker.postMessage({ op: 'r', id, keep: reader.keepAlive && used === n });
        }
      } else if (kind === 1) {
        this.pending.delete(id);
        try {
          reader.close();
        } catch (failure) {
          exchange.onError(failure as Error);
        }
      } else {
        this.pending.delete(id);
        exchange.onError(new Error(message));
      }
    }
  }
}
