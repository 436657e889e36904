import { z } from 'zod';
import { GantryError } from '../../../errors/index.js';
import type { Bm25Index, CollectionDocument } from '../../../rag/index.js';
import type { EnvironmentTool } from '../webshop/webshop-tools.js';

/** search_documents (BM25 over the collection) and read_document, for a research policy. */
export function researchTools(
  index: Bm25Index,
  documents: Map<string, CollectionDocument>,
): EnvironmentTool[] {
  return [
    {
      name: 'search_documents',
      description: 'Search the document collection. Returns ids, titles and a snippet of the best matches.',
      input: z.object({ query: z.string(), limit: z.number().int().min(1).max(20).optional() }),
      execute: async ({ query, limit = 5 }: { query: string; limit?: number }) =>
        index.search(query, { limit }).map(({ id, score }) => {
          const d = documents.get(id)!;
          return {
            id,
            title: d.title ?? d.text.slice(0, 80),
            snippet: d.text.slice(0, 200),
            score: Math.round(score * 1000) / 1000,
          };
        }),
    },
    {
      name: 'read_document',
      description: 'Read one document in full by id.',
      input: z.object({ id: z.string() }),
      execute: async ({ id }: { id: string }) => {
        const d = documents.get(id);
        if (!d) {
          throw new GantryError('EVAL_ENVIRONMENT_INVALID', `No document '${id}' in the collection.`, {
            hint: 'Use an id returned by search_documents.',
          });
        }
        return { id, title: d.title, text: d.text };
      },
    },
  ] as EnvironmentTool[];
}
