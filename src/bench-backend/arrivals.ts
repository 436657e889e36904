// When each request is sent. Open-loop processes (constant, Poisson, gamma) give the gap before each
// request; vLLM's `--burstiness` is the gamma shape (1 = Poisson, < 1 burstier, > 1 more even) with the
// scale set so the mean rate stays `rate`. Closed-loop 'concurrency' keeps N requests in flight.

export type Arrival =
  | { kind: 'constant'; rate: number }
  | { kind: 'poisson'; rate: number }
  | { kind: 'gamma'; rate: number; burstiness: number }
  /** Every request at once (vLLM `--request-rate inf`), bounded by maxConcurrency if set. */
  | { kind: 'burst' }
  | { kind: 'concurrency'; concurrency: number };

/** The gaps (ms) before each of `count` requests; the first request goes at 0. */
export function arrivalGaps(arrival: Arrival, count: number, random: () => number): number[] {
  const gaps: number[] = [];
  for (let i = 0; i < count; i++) gaps.push(i === 0 ? 0 : nextGap(arrival, random));
  return gaps;
}

function nextGap(arrival: Arrival, random: () => number): number {
  switch (arrival.kind) {
    case 'constant':
      return 1000 / arrival.rate;
    case 'poisson':
      return exponential(random) * (1000 / arrival.rate);
    case 'gamma':
      return gamma(arrival.burstiness, random) * (1000 / (arrival.rate * arrival.burstiness));
    case 'burst':
    case 'concurrency':
      return 0;
  }
}

function exponential(random: () => number): number {
  return -Math.log(1 - random());
}

/** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the shape < 1 boost. */
export function gamma(shape: number, random: () => number): number {
  if (shape < 1) return gamma(shape + 1, random) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function normal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function describeArrival(arrival: Arrival): string {
  switch (arrival.kind) {
    case 'constant':
      return `constant ${arrival.rate}/s`;
    case 'poisson':
      return `poisson ${arrival.rate}/s`;
    case 'gamma':
      return `gamma ${arrival.rate}/s burstiness ${arrival.burstiness}`;
    case 'burst':
      return 'all at once';
    case 'concurrency':
      return `concurrency ${arrival.concurrency}`;
  }
}
