// Temporal phrases in a recall query, turned into a time range relative to "now": "yesterday",
// "last week", "last month", "N days/weeks/months ago", "in May 2023", "in 2023", "this year".
// Ranges use UTC days, like session dates.

export interface TimeRange {
  from?: number;
  to?: number;
  /** The phrase that set the range (for traces). */
  phrase?: string;
}

const day = 86_400_000;
const months = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const units: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };
const numbers: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  few: 3,
};

const startOfDay = (time: number) => Math.floor(time / day) * day;

export function parseTimeRange(query: string, now: number): TimeRange {
  const text = query.toLowerCase();
  const today = startOfDay(now);
  if (/\byesterday\b/.test(text)) return { from: today - day, to: today - 1, phrase: 'yesterday' };
  if (/\btoday\b/.test(text)) return { from: today, to: today + day - 1, phrase: 'today' };
  const last = /\blast (week|month|year)\b/.exec(text);
  if (last) {
    const span = units[last[1]] * day;
    return { from: today - span, to: today + day - 1, phrase: last[0] };
  }
  const ago = /\b(\d+|a|an|one|two|three|four|five|six|few) (day|week|month|year)s? ago\b/.exec(text);
  if (ago) {
    const count = /^\d+$/.test(ago[1]) ? Number(ago[1]) : numbers[ago[1]];
    const center = today - count * units[ago[2]] * day;
    const slack = Math.max(1, Math.round(units[ago[2]] * count * 0.25)) * day;
    return { from: center - slack, to: center + slack + day - 1, phrase: ago[0] };
  }
  const monthYear = new RegExp(`\\b(?:in|during|on) (${months.join('|')})(?: (\\d{4}))?\\b`).exec(text);
  if (monthYear) {
    const month = months.indexOf(monthYear[1]);
    let year = monthYear[2] ? Number(monthYear[2]) : new Date(now).getUTCFullYear();
    if (!monthYear[2] && Date.UTC(year, month, 1) > now) year--;
    return { from: Date.UTC(year, month, 1), to: Date.UTC(year, month + 1, 1) - 1, phrase: monthYear[0] };
  }
  const year = /\b(?:in|during) (\d{4})\b/.exec(text);
  if (year) {
    const value = Number(year[1]);
    return { from: Date.UTC(value, 0, 1), to: Date.UTC(value + 1, 0, 1) - 1, phrase: year[0] };
  }
  if (/\bthis year\b/.test(text)) {
    const value = new Date(now).getUTCFullYear();
    return { from: Date.UTC(value, 0, 1), to: now, phrase: 'this year' };
  }
  return {};
}
