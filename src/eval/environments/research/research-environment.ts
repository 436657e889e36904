// The research environment: questions over a retrieval test collection (the SMART collections in
// ../shared/datasets/ir, loaded by the RAG module's loader), tools to search and read its documents,
// and a reward over the answer's citations (and the answer itself when a reference answer exists).
import { GantryError } from '../../../errors/index.js';
import { Bm25Index, documentContents, loadTestCollection, type TestCollection } from '../../../rag/index.js';
import { squadF1Score } from '../../scorers/squad-f1.js';
import type { EvalExample, Target, TrajectoryStep } from '../../types.js';
import type { EnvironmentPolicy } from '../environment-policy.js';
import { recordTools } from '../webshop/webshop-tools.js';
import { researchTools } from './research-tools.js';

export interface ResearchTask {
  id: string;
  question: string;
  /** Documents a good answer cites (from the collection's relevance judgments). */
  requiredSources: string[];
  referenceAnswer?: string;
}

export interface ResearchReward {
  reward: number;
  citationPrecision: number;
  citationRecall: number;
  citationF1: number;
  answerF1?: number;
  cited: string[];
}

/** Citations written as [doc:ID] or [ID]. */
export function extractCitations(answer: string): string[] {
  const cited = new Set<string>();
  for (const m of answer.matchAll(/\[(?:doc:)?\s*([\w.-]+)\s*\]/g)) cited.add(m[1]);
  return [...cited];
}

/**
 * Citation recall counts hits against min(|required|, citationBudget): collections judge dozens of
 * documents relevant, and an answer citing `citationBudget` relevant ones is fully sourced.
 */
export function researchReward(
  task: ResearchTask,
  answer: string,
  { citationBudget = 5 }: { citationBudget?: number } = {},
): ResearchReward {
  const cited = extractCitations(answer);
  const required = new Set(task.requiredSources);
  const hits = cited.filter((id) => required.has(id)).length;
  const citationPrecision = cited.length === 0 ? 0 : hits / cited.length;
  const citationRecall = required.size === 0 ? 0 : hits / Math.min(required.size, citationBudget);
  const citationF1 =
    citationPrecision + citationRecall === 0
      ? 0
      : (2 * citationPrecision * citationRecall) / (citationPrecision + citationRecall);
  const answerText = answer.replace(/\[(?:doc:)?\s*[\w.-]+\s*\]/g, ' ');
  const answerF1 =
    task.referenceAnswer === undefined ? undefined : squadF1Score(answerText, task.referenceAnswer);
  const reward = answerF1 === undefined ? citationF1 : (answerF1 + citationF1) / 2;
  return { reward, citationPrecision, citationRecall, citationF1, answerF1, cited };
}

export interface ResearchEnvironmentOptions {
  /** A collection name (cranfield, cisi, med, cacm) or a loaded collection. */
  collection: string | TestCollection;
  /** Folder of the collections; defaults to the RAG loader's (../shared/datasets/ir). */
  root?: string;
  tasks?: ResearchTask[];
  taskCount?: number;
  citationBudget?: number;
}

export interface ResearchEnvironment {
  collection: TestCollection;
  tasks: ResearchTask[];
  examples(): EvalExample[];
  target(policy: EnvironmentPolicy, name?: string): Target;
}

export function researchEnvironment({
  collection,
  root,
  tasks: givenTasks,
  taskCount = 10,
  citationBudget = 5,
}: ResearchEnvironmentOptions): ResearchEnvironment {
  const loaded =
    typeof collection === 'string' ? loadTestCollection(collection, root ? { root } : {}) : collection;
  const tasks: ResearchTask[] =
    givenTasks ??
    loaded.judgedQueries.slice(0, taskCount).map((q) => ({
      id: `${loaded.name}-${q.id}`,
      question: q.text,
      requiredSources: [...(loaded.qrels.get(q.id) ?? new Map())]
        .filter(([, gain]) => gain > 0)
        .map(([id]) => id),
    }));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const documents = new Map(loaded.documents.map((d) => [d.id, d]));
  let index: Bm25Index | undefined;
  const search = () => {
    if (!index) {
      index = new Bm25Index();
      for (const d of loaded.documents) index.add(d.id, documentContents(d));
    }
    return index;
  };
  return {
    collection: loaded,
    tasks,
    examples: () =>
      tasks.map((t) => ({ id: t.id, input: t.question, expected: t.referenceAnswer, vars: { ...t } })),
    target(policy, name = `research:${loaded.name}`) {
      return {
        name,
        async run(_input, context) {
          const task = byId.get(context.example.id);
          if (!task) {
            throw new GantryError(
              'EVAL_ENVIRONMENT_INVALID',
              `The research environment has no task '${context.example.id}'.`,
              {
                hint: 'Use the examples from researchEnvironment().examples().',
              },
            );
          }
          const trajectory: TrajectoryStep[] = [];
          const tools = recordTools(researchTools(search(), documents), trajectory);
          const instruction = `${task.question}\n\nAnswer from the collection's documents and cite each one you use as [doc:ID].`;
          const result = await policy({ id: task.id, instruction }, tools, context);
          const answer = typeof result === 'string' ? { output: result } : result;
          trajectory.push({ kind: 'answer', text: answer.output, at: Date.now() });
          const reward = researchReward(task, answer.output, { citationBudget });
          return {
            output: answer.output,
            trajectory,
            usage: answer.usage,
            cost: answer.cost,
            metadata: { ...reward, success: reward.reward >= 0.5 },
          };
        },
      };
    },
  };
}
