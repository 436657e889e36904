// Look-alike letters from Cyrillic, Greek and other scripts mapped to the Latin letter they imitate,
// so that "іgnоrе" (Cyrillic і, о, е) reads as "ignore". NFKC already folds full-width and styled
// mathematical letters; these are the confusables it leaves alone.
const pairs: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ɡ: 'g',
  ɩ: 'i',
  ı: 'i',
  ɑ: 'a',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  І: 'I',
  Ј: 'J',
  Ѕ: 'S',
  Ԁ: 'D',
  Ԛ: 'Q',
  Ԝ: 'W',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  '０': '0',
  '１': '1',
  '３': '3',
  '＠': '@',
};

const pattern = new RegExp(`[${Object.keys(pairs).join('')}]`, 'g');

/** Replaces confusable letters by their Latin look-alike; other characters are unchanged. */
export function foldHomoglyphs(text: string): string {
  return text.replace(pattern, (char) => pairs[char] ?? char);
}

/** True when a word mixes Latin letters with look-alikes from another script (a common evasion). */
export function hasMixedScriptWord(text: string): boolean {
  // Most texts have no look-alike at all: one scan answers for every word.
  pattern.lastIndex = 0;
  const any = pattern.test(text);
  pattern.lastIndex = 0;
  if (!any) return false;
  for (const word of text.split(/\s+/)) {
    if (/[a-zA-Z]/.test(word) && pattern.test(word)) {
      pattern.lastIndex = 0;
      return true;
    }
    pattern.lastIndex = 0;
  }
  return false;
}
