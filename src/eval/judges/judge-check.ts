// Judge reliability: runs a pairwise judge on each pair in both orders, several times, and reports how
// often the verdict flips with the order, how often repeats agree, and agreement with human labels.
import type { PairVerdict, PairwiseJudge } from './pairwise-judge.js';

export interface JudgeCheckPair {
  id?: string;
  input: unknown;
  a: string;
  b: string;
  /** A human label, when known. */
  label?: PairVerdict;
}

export interface JudgeCheckReport {
  pairs: number;
  comparisons: number;
  /** Share of comparisons whose two orders disagreed (position bias). */
  flipRate: number;
  /** Share of comparisons that preferred whichever answer came first. */
  firstPositionRate: number;
  /**
   * Of the decisive verdicts (A or B) on pairs whose answers differ in length, the share won by the
   * longer answer: well above 0.5 on pairs of equal quality hints at verbosity bias.
   */
  longerAnswerWinRate?: number;
  /** Mean share of a pair's repeats that gave its most common verdict (1 = fully repeatable). */
  selfAgreement: number;
  /** Share of labelled pairs whose final (modal) verdict equals the label; undefined without labels. */
  humanAgreement?: number;
  perPair: { id: string; verdicts: PairVerdict[]; flips: number; label?: PairVerdict }[];
}

export async function judgeCheck(
  judge: PairwiseJudge,
  pairs: readonly JudgeCheckPair[],
  { repeats = 3 }: { repeats?: number } = {},
): Promise<JudgeCheckReport> {
  let comparisons = 0;
  let flips = 0;
  let firstPosition = 0;
  let agreementSum = 0;
  let labelled = 0;
  let agreed = 0;
  let decisiveWithLengthGap = 0;
  let longerWon = 0;
  const perPair: JudgeCheckReport['perPair'] = [];
  for (const [index, pair] of pairs.entries()) {
    const verdicts: PairVerdict[] = [];
    let pairFlips = 0;
    for (let r = 0; r < repeats; r++) {
      const result = await judge.compare(pair.input, pair.a, pair.b);
      comparisons++;
      if (result.flipped) {
        flips++;
        pairFlips++;
        // Forward said A (first position) and backward said B (also first position when swapped).
        if (result.verdicts[0] === 'A' && result.verdicts[1] === 'B') firstPosition++;
      }
      verdicts.push(result.winner);
      if (result.winner !== 'tie' && pair.a.length !== pair.b.length) {
        decisiveWithLengthGap++;
        if ((result.winner === 'A') === pair.a.length > pair.b.length) longerWon++;
      }
    }
    const counts = new Map<PairVerdict, number>();
    for (const v of verdicts) counts.set(v, (counts.get(v) ?? 0) + 1);
    const [modal, modalCount] = [...counts].sort((x, y) => y[1] - x[1])[0];
    agreementSum += modalCount / verdicts.length;
    if (pair.label) {
      labelled++;
      if (modal === pair.label) agreed++;
    }
    perPair.push({ id: pair.id ?? String(index + 1), verdicts, flips: pairFlips, label: pair.label });
  }
  return {
    pairs: pairs.length,
    comparisons,
    flipRate: comparisons === 0 ? 0 : flips / comparisons,
    firstPositionRate: comparisons === 0 ? 0 : firstPosition / comparisons,
    longerAnswerWinRate: decisiveWithLengthGap === 0 ? undefined : longerWon / decisiveWithLengthGap,
    selfAgreement: pairs.length === 0 ? 0 : agreementSum / pairs.length,
    humanAgreement: labelled === 0 ? undefined : agreed / labelled,
    perPair,
  };
}
