// Several wire threads (`--wire-cpu 2,5`, `--wire-threads N`): the requests dealt out in turn over N
// ThreadedPools, each with its own worker thread, sockets and keep-alive connections. At 1,000 streams
// whose chunks arrive in bursts, one wire thread stamps a burst's reads one after another (~12 µs each
// on a 16-core Xeon VM), so the last read of a burst of 60 is stamped ~0.7 ms after its bytes came; N
// threads, each alone on a core, stamp N reads at a time. Same contract as one ThreadedPool.
import type tls from 'node:tls';
import type { Exchange, WirePool } from './raw-pool.js';
import { ThreadedPool, type ThreadedPoolOptions } from './threaded-pool.js';

type WireGc = ThreadedPool['wireGc'];

export class ShardedPool implements WirePool {
  readonly pools: readonly ThreadedPool[];
  private next = 0;
  /** Each wire thread's kernel thread id (Linux), in pool order: to place each on a core of its own. */
  readonly wireThreadIds: Promise<(number | undefined)[]>;

  constructor(
    threads: number,
    origin: URL,
    timeoutMs = 120_000,
    tlsOptions: tls.ConnectionOptions = {},
    options: ThreadedPoolOptions = {},
  ) {
    if (!Number.isInteger(threads) || threads < 1)
      throw new RangeError(`a sharded pool needs a whole number of wire threads >= 1, not ${threads}`);
    this.pools = Array.from(
      { length: threads },
      () => new ThreadedPool(origin, timeoutMs, tlsOptions, options),
    );
    this.wireThreadIds = Promise.all(this.pools.map((pool) => pool.wireThreadId));
  }

  send(request: Buffer, exchange: Exchange): void {
    const pool = this.pools[this.next];
    this.next = (this.next + 1) % this.pools.length;
    pool.send(request, exchange);
  }

  /** ThreadedPool.settle() on every wire thread, one after another (each turns the process-wide
   * --expose-gc flag on and off around its collection); true when all could collect. */
  async settle(): Promise<boolean> {
    let settled = true;
    for (const pool of this.pools) settled = (await pool.settle()) && settled;
    return settled;
  }

  /** The wire threads' GC together: pauses, ms and bytes summed, the longest pause (and its kind), the
   * kinds seen (bits) of all. */
  get wireGc(): WireGc {
    const total: WireGc = [0, 0, 0, 0, 0, 0];
    for (const [pauses, ms, longest, bytes, kind, kinds] of this.pools.map((pool) => pool.wireGc)) {
      total[0] += pauses;
      total[1] += ms;
      total[3] += bytes;
      if (longest > total[2]) {
        total[2] = longest;
        total[4] = kind;
      }
      total[5] |= kinds;
    }
    return total;
  }

  async close(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.close()));
  }
}
