// Majority and weighted votes over normalised answers, and the test that tells when more votes can
// no longer change the winner.

export interface Vote {
  key: string;
  /** 1 for a plain majority vote; a verifier's score for a weighted one. */
  weight: number;
}

export interface TallyEntry {
  key: string;
  weight: number;
  count: number;
  /** Position of the first vote for this key (ties go to the earliest). */
  first: number;
}

/** Keys ranked by total weight, then by count, then by which came first. */
export function tallyVotes(votes: readonly Vote[]): TallyEntry[] {
  const entries = new Map<string, TallyEntry>();
  votes.forEach((vote, position) => {
    const entry = entries.get(vote.key) ?? { key: vote.key, weight: 0, count: 0, first: position };
    entry.weight += vote.weight;
    entry.count += 1;
    entries.set(vote.key, entry);
  });
  return [...entries.values()].sort((a, b) => b.weight - a.weight || b.count - a.count || a.first - b.first);
}

/**
 * True when `remaining` more votes, each worth at most `maximumWeight`, cannot make another key win:
 * the leader's margin over the runner-up is larger than what the rest could add.
 */
export function isVoteDecided(tally: readonly TallyEntry[], remaining: number, maximumWeight = 1): boolean {
  const leader = tally[0];
  if (!leader) return false;
  const runnerUp = tally[1]?.weight ?? 0;
  return leader.weight - runnerUp > remaining * maximumWeight;
}
