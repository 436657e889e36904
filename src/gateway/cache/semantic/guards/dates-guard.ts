// "… in 2016" and "… in 2017", "today" and "tomorrow", "in March" and "in May": every year, month,
// weekday, written date and relative day or period must agree (answers about time go stale).
import { type FalseHitGuard, sameItems } from './false-hit-guard.js';

const timeWords = new Set([
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
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'today',
  'tomorrow',
  'yesterday',
  'tonight',
  'now',
  'currently',
  'current',
  'latest',
  'recent',
  'recently',
  'next',
  'last',
  'this',
  'ago',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'weekend',
  'morning',
  'evening',
  'night',
]);
// 'may', 'this', 'last', 'now' are also ordinary words: they count only next to a time unit or alone as
// the answer's time frame; kept simple, they count when followed by a period word.
const ambiguous = new Set(['may', 'this', 'next', 'last', 'march', 'current', 'fall']);
const periods = new Set([
  'year',
  'month',
  'week',
  'day',
  'decade',
  'century',
  'quarter',
  'season',
  'semester',
]);

export function datesIn(tokens: readonly { text: string; original: string }[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const { text, original } = tokens[i];
    const first = text.charCodeAt(0);
    // The three date patterns open with a digit.
    if (
      first >= 48 &&
      first <= 57 &&
      (/^(1[89]|20)\d\d(s)?$/.test(text) ||
        /^\d{4}-\d\d(-\d\d)?$/.test(text) ||
        /^\d{1,2}\/\d{1,2}(\/\d{2,4})?$/.test(text))
    ) {
      found.push(text);
      continue;
    }
    if (!timeWords.has(text)) continue;
    const nextWord = tokens[i + 1]?.text.replace(/s$/, '');
    if (ambiguous.has(text)) {
      if (periods.has(nextWord ?? '')) found.push(`${text} ${nextWord}`);
      // A capitalised "May"/"March" mid-sentence is the month.
      else if ((text === 'may' || text === 'march') && original[0] !== text[0] && i > 0) found.push(text);
      continue;
    }
    found.push(text);
  }
  return found.sort();
}

export const datesGuard: FalseHitGuard<string[]> = {
  name: 'dates',
  facts: datesIn,
  conflicts: (asked, cached) => !sameItems(asked, cached),
};
