import type { Target, TargetContext, TargetOutput } from '../types.js';

/** Any async function as a target (an agent, a team, a RAG pipeline called in-process). */
export function functionTarget(
  name: string,
  run: (input: unknown, context: TargetContext) => Promise<TargetOutput | string> | TargetOutput | string,
): Target {
  return {
    name,
    async run(input, context) {
      const result = await run(input, context);
      return typeof result === 'string' ? { output: result } : result;
    },
  };
}
