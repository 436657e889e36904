// Delay before retrying the same target: exponential with full jitter, never shorter than the
// upstream's Retry-After.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

export function backoffDelay(
  retry: number,
  retryAfterMs: number | undefined,
  { baseMs, maxMs, random = Math.random }: BackoffOptions,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** retry);
  const jittered = random() * ceiling;
  return Math.max(jittered, retryAfterMs ?? 0);
}
