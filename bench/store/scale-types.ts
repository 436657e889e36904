// One domain's part of the scale benchmark: a bulk fill to N rows, then timed writes and reads.
import type { Store } from '../../src/store/index.js';
import type { FillResult } from './timing.js';

export interface Measured {
  operation: string;
  unit: string;
  samples: number[];
}

export interface DomainScale {
  domain: string;
  /** Fills the domain's tables; one result per table written (the first is the domain's main table). */
  fill(store: Store, rows: number): Promise<(FillResult & { table: string })[]>;
  measure(store: Store, rows: number): Promise<Measured[]>;
}
