// Loads a collection in BEIR's layout (corpus.jsonl, queries.jsonl, qrels/<split>.tsv) for users' own data.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GantryError } from '../../errors/index.js';
import type { CollectionDocument, CollectionQuery, Qrels, TestCollection } from './test-collection.js';

export interface LoadBeirCollectionOptions {
  split?: string;
  name?: string;
}

export function loadBeirCollection(folder: string, options: LoadBeirCollectionOptions = {}): TestCollection {
  const { split = 'test', name = folder } = options;
  const documents = readJsonLines(join(folder, 'corpus.jsonl')).map(
    (row): CollectionDocument => ({
      id: String(row._id),
      ...(row.title ? { title: String(row.title) } : {}),
      text: String(row.text ?? ''),
    }),
  );
  const queries = readJsonLines(join(folder, 'queries.jsonl')).map(
    (row): CollectionQuery => ({ id: String(row._id), text: String(row.text ?? '') }),
  );
  const qrels: Qrels = new Map();
  const qrelsPath = join(folder, 'qrels', `${split}.tsv`);
  const lines = readRequired(qrelsPath).split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const [queryId, documentId, score] = line.split('\t');
    // The first line is a header (query-id corpus-id score).
    if (index === 0 && Number.isNaN(Number(score))) continue;
    if (!queryId || !documentId) continue;
    const gain = Number(score);
    if (!(gain > 0)) continue;
    const judged = qrels.get(queryId) ?? new Map<string, number>();
    qrels.set(queryId, judged);
    judged.set(documentId, gain);
  }
  const judgedQueries = queries.filter((query) => qrels.has(query.id));
  return { name, documents, queries, judgedQueries, qrels, notes: [`BEIR split ${split}`] };
}

function readRequired(path: string): string {
  if (!existsSync(path)) {
    throw new GantryError('RAG_COLLECTION_NOT_FOUND', `The BEIR file ${path} does not exist.`, {
      hint: 'A BEIR folder holds corpus.jsonl, queries.jsonl and qrels/<split>.tsv.',
      details: { path },
    });
  }
  return readFileSync(path, 'utf8');
}

function readJsonLines(path: string): Record<string, unknown>[] {
  return readRequired(path)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch (error) {
        throw new GantryError('RAG_COLLECTION_INVALID', `Line ${index + 1} of ${path} is not valid JSON.`, {
          hint: 'Each line of a BEIR .jsonl file is one JSON object.',
          details: { path, line: index + 1 },
          cause: error,
        });
      }
    });
}
