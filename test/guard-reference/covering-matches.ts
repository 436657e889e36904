// Frozen copies (from commit 16add23) of the per-hazard checks that src/guard/signals/covering-matches.ts
// replaced: every pattern's matches run again for each span asked about.

/** harmful-context.ts insideTechnicalSense before. */
export function insideTechnicalSense(
  technicalSenses: readonly RegExp[],
  text: string,
  start: number,
  end: number,
): boolean {
  for (const pattern of technicalSenses) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const from = match.index ?? 0;
      if (from <= start && from + match[0].length >= end) return true;
      if (from > end) break;
    }
  }
  return false;
}

/** request-acts.ts insideBenignIdiom before (without its prefilter, which only skipped regexes that cannot match). */
export function insideBenignIdiom(
  benignIdioms: readonly RegExp[],
  text: string,
  start: number,
  end: number,
): boolean {
  for (const pattern of benignIdioms) {
    const global = new RegExp(pattern.source, 'gi');
    for (const match of text.matchAll(global)) {
      const from = match.index ?? 0;
      if (from <= start && from + match[0].length >= end) return true;
      if (from > end) break;
    }
  }
  return false;
}

/** harmful-context.ts usesTechnicalSense before. */
export function usesTechnicalSense(technicalSenses: readonly RegExp[], text: string): boolean {
  return technicalSenses.some((pattern) => {
    pattern.lastIndex = 0;
    return pattern.test(text);
  });
}
