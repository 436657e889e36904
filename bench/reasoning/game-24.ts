// Tree-of-thought search policies on Game of 24 with an exact checker. The proposer is a scripted
// stand-in for an LLM (6 random legal steps per call) and the valuer judges sure/likely/impossible
// with 20% noise; the puzzles are the 100 solvable 4-number sets from 1–13 with the fewest solution
// paths (the hardest), each searched with its own seed.
import {
  canReach24,
  countSolutions,
  createScriptedGame24Model,
  game24Root,
  game24Task,
  type SearchKind,
  solves24,
  treeOfThought,
} from '../../src/reason/index.js';

interface Policy {
  name: string;
  search: SearchKind;
  breadth: number;
  pruneBelow?: number;
  /** No value function: every state scores the same (a single sampled chain when breadth is 1). */
  blind?: boolean;
}

const policies: Policy[] = [
  { name: 'single chain (CoT-like, no value)', search: 'beam', breadth: 1, blind: true },
  { name: 'beam b=1', search: 'beam', breadth: 1 },
  { name: 'beam b=2', search: 'beam', breadth: 2 },
  { name: 'beam b=3', search: 'beam', breadth: 3 },
  { name: 'beam b=5 (ToT paper)', search: 'beam', breadth: 5 },
  { name: 'bfs, prune < likely', search: 'bfs', breadth: 0, pruneBelow: 0.5 },
  { name: 'dfs b=5, prune < likely', search: 'dfs', breadth: 5, pruneBelow: 0.5 },
];

export function hardestPuzzles(count: number): number[][] {
  const puzzles: { numbers: number[]; solutions: number }[] = [];
  for (let a = 1; a <= 13; a++)
    for (let b = a; b <= 13; b++)
      for (let c = b; c <= 13; c++)
        for (let d = c; d <= 13; d++) {
          const numbers = [a, b, c, d];
          if (canReach24(numbers)) puzzles.push({ numbers, solutions: countSolutions(numbers) });
        }
  puzzles.sort((x, y) => x.solutions - y.solutions || x.numbers.join().localeCompare(y.numbers.join()));
  return puzzles.slice(0, count).map((puzzle) => puzzle.numbers);
}

async function measure(puzzle: number[], index: number, policy: Policy, maximumNodes: number) {
  const task = game24Task();
  const result = await treeOfThought({
    model: createScriptedGame24Model({ seed: 1000 + index, proposals: 6, valueNoise: 0.2 }),
    root: game24Root(puzzle),
    ...task,
    value: policy.blind ? async () => 1 : task.value,
    search: policy.search,
    breadth: policy.breadth,
    pruneBelow: policy.pruneBelow,
    maximumNodes,
  });
  const solved = result.answer !== undefined && solves24(puzzle, result.answer.split('\n'));
  return { solved, nodes: result.nodesExpanded ?? 0, calls: result.usage.steps };
}

export async function runGame24({ puzzles = 100, maximumNodes = 60 } = {}): Promise<void> {
  const set = hardestPuzzles(puzzles);
  console.log(
    `\nGame of 24: ${set.length} hardest solvable puzzles (e.g. ${set
      .slice(0, 3)
      .map((p) => p.join(' '))
      .join('; ')}), node cap ${maximumNodes}`,
  );
  console.log('\n| policy | solved | nodes expanded (mean) | model calls (mean) |');
  console.log('|---|---|---|---|');
  for (const policy of policies) {
    let solved = 0;
    let nodes = 0;
    let calls = 0;
    for (const [index, puzzle] of set.entries()) {
      const measured = await measure(puzzle, index, policy, maximumNodes);
      if (measured.solved) solved++;
      nodes += measured.nodes;
      calls += measured.calls;
    }
    console.log(
      `| ${policy.name} | ${((solved / set.length) * 100).toFixed(0)}% | ${(nodes / set.length).toFixed(1)} | ${(calls / set.length).toFixed(1)} |`,
    );
  }
  const caps = [2, 4, 8, 16, 32];
  console.log(`\nSolved rate when the search may expand at most N nodes:\n`);
  console.log(`| policy | ${caps.map((cap) => `N=${cap}`).join(' | ')} |`);
  console.log(`|---|${caps.map(() => '---').join('|')}|`);
  for (const policy of policies.filter((entry) => !entry.blind && entry.breadth !== 1)) {
    const cells: string[] = [];
    for (const cap of caps) {
      let solved = 0;
      for (const [index, puzzle] of set.entries())
        if ((await measure(puzzle, index, policy, cap)).solved) solved++;
      cells.push(`${((solved / set.length) * 100).toFixed(0)}%`);
    }
    console.log(`| ${policy.name} | ${cells.join(' | ')} |`);
  }
}
