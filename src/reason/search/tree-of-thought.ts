// Tree of Thoughts (Yao et al. 2023): a search over partial solutions. A proposer expands a state
// into children (one model call = one node expanded), a value function scores states, and the search
// keeps, orders or prunes them: 'bfs' keeps every child above the prune threshold level by level,
// 'beam' keeps the best `breadth` per level, 'dfs' follows the best child first and backtracks.
import type { ReasoningContext } from '../reasoning-context.js';
import { createReasoningContext, type ReasoningOptions, runReasoning } from '../reasoning-context.js';
import type { ReasoningResult } from '../reasoning-result.js';
import { ReasoningStop } from '../reasoning-stop.js';

export type SearchKind = 'bfs' | 'beam' | 'dfs';

export interface TreeOfThoughtOptions<State> extends ReasoningOptions {
  root: State;
  propose(state: State, context: ReasoningContext): Promise<State[]>;
  /** Higher is more promising; states below `pruneBelow` are dropped. */
  value(state: State, context: ReasoningContext): Promise<number>;
  isSolution(state: State): boolean;
  /** A state with nothing left to try (not expanded, not kept). */
  isTerminal?(state: State): boolean;
  /** How to render a state as the answer. */
  answerOf?(state: State): string;
  search?: SearchKind;
  /** Beam width (beam) or children followed per node (dfs). Default 5. */
  breadth?: number;
  maximumDepth?: number;
  pruneBelow?: number;
  /** Most proposer calls (nodes expanded). Default 100. */
  maximumNodes?: number;
}

export interface TreeOfThoughtExtra<State> {
  nodesExpanded: number;
  statesValued: number;
  /** The solution state, when one was found. */
  solution?: State;
}

export async function treeOfThought<State>(
  options: TreeOfThoughtOptions<State>,
): Promise<ReasoningResult<string> & Partial<TreeOfThoughtExtra<State>>> {
  const {
    root,
    search = 'beam',
    breadth = 5,
    maximumDepth = 4,
    pruneBelow = Number.NEGATIVE_INFINITY,
    maximumNodes = 100,
    answerOf = (state: State) => JSON.stringify(state),
  } = options;
  const context = createReasoningContext(options);
  const stats: TreeOfThoughtExtra<State> = { nodesExpanded: 0, statesValued: 0 };

  const expand = async (state: State): Promise<{ state: State; value: number }[]> => {
    if (stats.nodesExpanded >= maximumNodes) {
      throw new ReasoningStop('iteration-limit', `Expanded ${maximumNodes} nodes without a solution.`);
    }
    stats.nodesExpanded += 1;
    const children = await options.propose(state, context);
    const scored: { state: State; value: number }[] = [];
    for (const child of children) {
      if (!options.isSolution(child) && options.isTerminal?.(child)) continue;
      stats.statesValued += 1;
      const value = options.isSolution(child)
        ? Number.POSITIVE_INFINITY
        : await options.value(child, context);
      if (value >= pruneBelow) scored.push({ state: child, value });
    }
    return scored.sort((a, b) => b.value - a.value);
  };
  const found = (state: State) => {
    stats.solution = state;
    return {
      answer: answerOf(state),
      stopReason: 'accepted' as const,
      stopMessage: `Solved after expanding ${stats.nodesExpanded} nodes.`,
      extra: stats,
    };
  };
  const exhausted = () => ({
    answer: undefined,
    stopReason: 'search-exhausted' as const,
    stopMessage: `No solution: the search ran out of states after expanding ${stats.nodesExpanded} nodes.`,
    extra: stats,
  });

  return runReasoning<string, TreeOfThoughtExtra<State>>(context, async (partial) => {
    partial.extra = stats;
    if (options.isSolution(root)) return found(root);
    if (search === 'dfs') {
      const visit = async (state: State, depth: number): Promise<State | undefined> => {
        if (depth >= maximumDepth) return undefined;
        const children = (await expand(state)).slice(0, breadth);
        for (const child of children) {
          if (options.isSolution(child.state)) return child.state;
          const solved = await visit(child.state, depth + 1);
          if (solved !== undefined) return solved;
        }
        return undefined;
      };
      const solved = await visit(root, 0);
      return solved === undefined ? exhausted() : found(solved);
    }
    let frontier = [root];
    for (let depth = 0; depth < maximumDepth && frontier.length > 0; depth++) {
      const next: { state: State; value: number }[] = [];
      for (const state of frontier) {
        for (const child of await expand(state)) {
          if (options.isSolution(child.state)) return found(child.state);
          next.push(child);
        }
      }
      next.sort((a, b) => b.value - a.value);
      frontier = (search === 'beam' ? next.slice(0, breadth) : next).map((entry) => entry.state);
    }
    return exhausted();
  });
}
