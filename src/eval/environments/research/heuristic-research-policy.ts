// A deterministic baseline (no model): search with the question, read the top documents, answer with
// the best one's opening and cite the documents read.
import type { EnvironmentPolicy } from '../environment-policy.js';

export function heuristicResearchPolicy({ read = 3 }: { read?: number } = {}): EnvironmentPolicy {
  return async (task, tools) => {
    const tool = (name: string) => tools.find((t) => t.name === name)!;
    const question = task.instruction.split('\n\n')[0];
    const hits = (await tool('search_documents').execute({ query: question, limit: read })) as {
      id: string;
    }[];
    const texts: string[] = [];
    for (const hit of hits)
      texts.push(((await tool('read_document').execute({ id: hit.id })) as { text: string }).text);
    const opening = (texts[0] ?? '').split(/(?<=\.)\s/)[0] ?? '';
    return `${opening} ${hits.map((h) => `[doc:${h.id}]`).join(' ')}`.trim();
  };
}
