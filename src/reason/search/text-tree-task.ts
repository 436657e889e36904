// A general tree-of-thought task for free-text problems: the model proposes next reasoning steps and
// rates partial solutions; a step starting with "Answer:" ends a branch.
import type { ReasoningContext } from '../reasoning-context.js';

export interface TextTreeState {
  thoughts: string[];
}

export function textTreeTask(task: string, { proposals = 3 } = {}) {
  const render = (state: TextTreeState) =>
    state.thoughts.length
      ? state.thoughts.map((thought, index) => `${index + 1}. ${thought}`).join('\n')
      : '(none yet)';
  return {
    root: { thoughts: [] } as TextTreeState,
    propose: async (state: TextTreeState, context: ReasoningContext): Promise<TextTreeState[]> => {
      const reply = await context.ask(
        'proposer',
        `propose after ${state.thoughts.length} steps`,
        `Task: ${task}\nSteps so far:\n${render(state)}\n\nPropose up to ${proposals} different next steps, one per line. If a step gives the final answer, start it with "Answer:".`,
      );
      return reply
        .split('\n')
        .map((line) => line.replace(/^\s*(?:\d+[.)]|[-*])\s*/, '').trim())
        .filter(Boolean)
        .slice(0, proposals)
        .map((thought) => ({ thoughts: [...state.thoughts, thought] }));
    },
    value: async (state: TextTreeState, context: ReasoningContext): Promise<number> => {
      const reply = await context.ask(
        'valuer',
        `rate ${state.thoughts.length}-step path`,
        `Task: ${task}\nSteps:\n${render(state)}\n\nHow likely are these steps to lead to a correct answer? Reply "Score: N" with N from 1 to 10.`,
        { temperature: 0 },
      );
      return Number(/score\s*[:=]?\s*(\d+(?:\.\d+)?)/i.exec(reply)?.[1] ?? 0);
    },
    isSolution: (state: TextTreeState) => /^answer:/i.test(state.thoughts.at(-1) ?? ''),
    answerOf: (state: TextTreeState) => (state.thoughts.at(-1) ?? '').replace(/^answer:\s*/i, ''),
  };
}
