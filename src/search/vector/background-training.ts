// An IVF training run in the background: k-means steps, then the filing of every slot under its list,
// in slices of ~5 ms of work on later event-loop turns (setImmediate). The index keeps answering by
// the full scan and accepting adds and removes meanwhile; it switches to the lists only when every
// slot is filed (`TrainingHost.finish`). The slices end by themselves: nothing keeps a process alive.
import type { CoarseQuantizer } from './coarse-quantizer.js';
import { normalizeRows } from './kmeans.js';

/** Work per slice, in milliseconds. */
const sliceMs = 5;

/** What a training run needs of its index. */
export interface TrainingHost {
  readonly dimension: number;
  /** Slots stored now (it changes between slices). */
  count(): number;
  /** The unit vector at `slot`, into `out` at `offset`. */
  vectorAt(slot: number, out: Float32Array, offset: number): void;
  /** Allocates the per-slot list numbers (k-means is done; filing starts). */
  beginFiling(): void;
  listAt(slot: number): number;
  setList(slot: number, list: number): void;
  /** Every slot is filed: queries may use the lists. */
  finish(quantizer: CoarseQuantizer): void;
  /** The run failed: drop the partial list numbers (the index stays on the full scan). */
  abandon(): void;
}

export class BackgroundTraining {
  /** Settles when the lists are complete (rejects when the training failed). */
  readonly done: Promise<void>;
  private quantizer: CoarseQuantizer | undefined;
  private filed = 0;
  private stopped = false;
  private resolve!: () => void;
  private reject!: (error: unknown) => void;

  constructor(
    private readonly host: TrainingHost,
    private readonly steps: Generator<void, CoarseQuantizer>,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.done.catch(() => {}); // reported to whoever awaits `done`, not as an unhandled rejection
    setImmediate(() => this.slice());
  }

  /** Whether k-means is done and slots are being filed (the index must keep list numbers in step). */
  get filing(): boolean {
    return this.quantizer !== undefined;
  }

  /**
   * The index removed `slot` and moved slot `last` into its hole (the same slot when it was the last):
   * the moved vector keeps its list if it was filed, else is filed now (the loop will not reach it: it
   * is past the new count). Then the loop is clamped to the new count.
   */
  removed(slot: number, last: number): void {
    const quantizer = this.quantizer;
    if (quantizer && slot !== last && slot < this.filed) {
      if (last < this.filed) this.host.setList(slot, this.host.listAt(last));
      else this.host.setList(slot, this.assign(quantizer, slot, new Float32Array(this.host.dimension)));
    }
    this.filed = Math.min(this.filed, this.host.count());
  }

  private assign(quantizer: CoarseQuantizer, slot: number, unit: Float32Array): number {
    this.host.vectorAt(slot, unit, 0);
    normalizeRows(unit, this.host.dimension);
    return quantizer.assign(unit);
  }

  private slice(): void {
    if (this.stopped) return;
    try {
      const end = performance.now() + sliceMs;
      if (!this.quantizer) {
        for (;;) {
          const step = this.steps.next();
          if (step.done) {
            this.quantizer = step.value;
            this.host.beginFiling();
            break;
          }
          if (performance.now() >= end) break;
        }
      }
      const quantizer = this.quantizer;
      if (quantizer) {
        const unit = new Float32Array(this.host.dimension);
        while (this.filed < this.host.count()) {
          const slot = this.filed++;
          this.host.setList(slot, this.assign(quantizer, slot, unit));
          if (this.filed % 32 === 0 && performance.now() >= end) break;
        }
        if (this.filed >= this.host.count()) {
          this.stopped = true;
          this.host.finish(quantizer);
          this.resolve();
          return;
        }
      }
      setImmediate(() => this.slice());
    } catch (error) {
      this.stopped = true;
      this.host.abandon();
      this.reject(error);
    }
  }
}
