// 'YYYY-MM-DD' of a UTC day: daily budgets reset at UTC midnight, and usage is totalled per UTC day.

const dayMs = 86_400_000;
let cachedDay = '';
let cachedDayStart = Number.NEGATIVE_INFINITY;

export function utcDay(now: number): string {
  // Cached for the current day: called on every request, and toISOString is not free.
  if (now >= cachedDayStart && now < cachedDayStart + dayMs) return cachedDay;
  cachedDay = new Date(now).toISOString().slice(0, 10);
  cachedDayStart = now - (now % dayMs);
  return cachedDay;
}
