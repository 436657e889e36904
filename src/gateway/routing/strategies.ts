// Routing strategies: each orders a route's targets for one request; the first is tried first and
// the rest are the fallback chain. Kept as plain functions so that a test can drive each directly.
import { prefixAffinityOrder } from './prefix-affinity.js';
import type { RouteTarget } from './route-target.js';

export type StrategyName =
  | 'fallback'
  | 'weighted'
  | 'round-robin'
  | 'least-outstanding'
  | 'lowest-latency'
  | 'prefix-affinity';

/** `affinityKey`: the request's prompt prefix, for 'prefix-affinity' (the others ignore it). */
export type Strategy = (targets: readonly RouteTarget[], affinityKey?: string) => RouteTarget[];

export interface StrategyOptions {
  random?: () => number;
}

export function createStrategy(name: StrategyName, { random = Math.random }: StrategyOptions = {}): Strategy {
  switch (name) {
    case 'fallback':
      return (targets) => [...targets];
    case 'weighted':
      return (targets) => weightedOrder(targets, random);
    case 'round-robin': {
      let next = 0;
      return (targets) => {
        const start = next++ % targets.length;
        return [...targets.slice(start), ...targets.slice(0, start)];
      };
    }
    case 'least-outstanding':
      return (targets) => leastOutstanding(targets, random);
    case 'lowest-latency':
      return (targets) => powerOfTwoByLatency(targets, random);
    case 'prefix-affinity':
      return prefixAffinityOrder;
  }
}

function weightedOrder(targets: readonly RouteTarget[], random: () => number): RouteTarget[] {
  let total = 0;
  for (const t of targets) total += t.weight;
  let roll = random() * total;
  let first = targets.length - 1;
  for (let i = 0; i < targets.length; i++) {
    roll -= targets[i].weight;
    if (roll < 0) {
      first = i;
      break;
    }
  }
  return [targets[first], ...targets.filter((_, i) => i !== first)];
}

/**
 * Power of two choices: sample two targets, keep the one with the lower latency EWMA (weighted by
 * its queue), so that load spreads without herding onto one "fastest" target. Unsampled targets
 * score 0 and get tried early.
 */
function powerOfTwoByLatency(targets: readonly RouteTarget[], random: () => number): RouteTarget[] {
  if (targets.length < 2) return [...targets];
  const a = Math.floor(random() * targets.length);
  let b = Math.floor(random() * (targets.length - 1));
  if (b >= a) b++;
  const score = (t: RouteTarget) => t.latencyEwmaMs * (t.outstanding + 1);
  const first = score(targets[a]) <= score(targets[b]) ? a : b;
  const rest = targets.filter((_, i) => i !== first).sort((x, y) => score(x) - score(y));
  return [targets[first], ...rest];
}

/** The target with the fewest requests in flight first (ties at random), the rest in order. */
function leastOutstanding(targets: readonly RouteTarget[], random: () => number): RouteTarget[] {
  let best = 0;
  let ties = 1;
  for (let i = 1; i < targets.length; i++) {
    const difference = targets[i].outstanding - targets[best].outstanding;
    // Reservoir sampling among equal counts, so that idle targets share the load.
    if (difference < 0 || (difference === 0 && random() * ++ties < 1)) {
      if (difference < 0) ties = 1;
      best = i;
    }
  }
  if (best === 0) return targets as RouteTarget[];
  const order = [targets[best]];
  for (let i = 0; i < targets.length; i++) if (i !== best) order.push(targets[i]);
  return order;
}
