// A model alias at run time: its targets, strategy and failure policy.

import type { RouteTarget } from './route-target.js';
import type { Strategy } from './strategies.js';

export interface Route {
  readonly name: string;
  readonly targets: readonly RouteTarget[];
  readonly order: Strategy;
  /** Status codes, 'timeout' and 'connection' that move on to the next attempt. */
  readonly fallbackOn: ReadonlySet<number | string>;
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly maxRetryAfterMs: number;
  /** Set for 'prefix-affinity': characters of the prompt hashed to pick the replica. */
  readonly affinityCharacters?: number;
}
