// Cost/quality arithmetic for routers and cascades: operating points, the Pareto frontier, RouteLLM's
// APGR and CPT (routellm/evals/evaluate.py), and the cost needed to reach a quality target.

export interface OperatingPoint {
  /** A label for the point (threshold, setting). */
  label: string;
  /** Share of requests that called the strong model, 0..1. */
  strongShare: number;
  /** Mean quality (accuracy), 0..1. */
  quality: number;
  /** Mean cost per request in dollars (optional for pure router curves). */
  cost?: number;
}

/**
 * A router's curve: route the `share` of requests with the highest scores to the strong model, at
 * shares 0, 0.1 … 1 (RouteLLM's 11 operating points at the deciles of its scores).
 */
export function routerCurve(
  scores: readonly number[],
  weakCorrect: readonly boolean[],
  strongCorrect: readonly boolean[],
  steps = 10,
): OperatingPoint[] {
  const order = scores.map((score, index) => ({ score, index })).sort((a, b) => b.score - a.score);
  const points: OperatingPoint[] = [];
  for (let step = 0; step <= steps; step++) {
    const share = step / steps;
    const strongCount = Math.round(share * scores.length);
    let correct = 0;
    order.forEach(({ index }, rank) => {
      correct += (rank < strongCount ? strongCorrect[index] : weakCorrect[index]) ? 1 : 0;
    });
    points.push({
      label: `${Math.round(share * 100)}%`,
      strongShare: share,
      quality: correct / scores.length,
    });
  }
  return points;
}

/** Area under quality vs strong share over [0, 1] (trapezoids; points sorted by share). */
export function areaUnderCurve(points: readonly OperatingPoint[]): number {
  const sorted = [...points].sort((a, b) => a.strongShare - b.strongShare);
  let area = 0;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as OperatingPoint;
    const b = sorted[i] as OperatingPoint;
    area += ((b.strongShare - a.strongShare) * (a.quality + b.quality)) / 2;
  }
  return area;
}

/** APGR = (AUC − weak) / (strong − weak): 0.5 for a random router, 1 for a perfect ranking that never beats strong. */
export function averagePerformanceGapRecovered(
  points: readonly OperatingPoint[],
  weakQuality: number,
  strongQuality: number,
): number {
  return (areaUnderCurve(points) - weakQuality) / (strongQuality - weakQuality);
}

/**
 * The smallest strong share at which the (linearly interpolated) curve reaches `target` quality;
 * undefined when it never does. CPT(x) is this with target = weak + x·(strong − weak).
 */
export function strongShareForQuality(points: readonly OperatingPoint[], target: number): number | undefined {
  const sorted = [...points].sort((a, b) => a.strongShare - b.strongShare);
  return interpolate(sorted, target, (p) => p.strongShare);
}

/** Points no other point beats on both cost and quality, cheapest first. Needs `cost` on each. */
export function paretoFrontier(points: readonly OperatingPoint[]): OperatingPoint[] {
  const sorted = [...points].sort((a, b) => (a.cost ?? 0) - (b.cost ?? 0) || b.quality - a.quality);
  const frontier: OperatingPoint[] = [];
  for (const point of sorted) {
    const last = frontier[frontier.length - 1];
    if (!last || point.quality > last.quality) frontier.push(point);
  }
  return frontier;
}

/** The lowest cost per request on the frontier that reaches `target` quality (interpolated). */
export function costForQuality(points: readonly OperatingPoint[], target: number): number | undefined {
  return interpolate(paretoFrontier(points), target, (p) => p.cost ?? 0);
}

function interpolate(
  sorted: readonly OperatingPoint[],
  target: number,
  value: (point: OperatingPoint) => number,
): number | undefined {
  for (let i = 0; i < sorted.length; i++) {
    const point = sorted[i] as OperatingPoint;
    if (point.quality < target) continue;
    const previous = sorted[i - 1];
    if (!previous || previous.quality >= point.quality) return value(point);
    // Between the last point below the target and this one, the curve is a straight line.
    const t = (target - previous.quality) / (point.quality - previous.quality);
    return value(previous) + Math.max(0, t) * (value(point) - value(previous));
  }
  return undefined;
}
