// Loads the classic SMART test collections (Cranfield, CISI, MED, CACM) with each one's quirks
// applied in code, so that every benchmark reads them the same way. See each folder's README.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GantryError } from '../../errors/index.js';
import { irDatasetsRoot } from './locate-ir-datasets.js';
import { fieldText, parseSmartRecords } from './parse-smart-records.js';
import type { CollectionDocument, CollectionQuery, Qrels, TestCollection } from './test-collection.js';

export const testCollectionNames = ['cranfield', 'cisi', 'med', 'cacm'] as const;
export type TestCollectionName = (typeof testCollectionNames)[number];

export interface LoadTestCollectionOptions {
  /** Folder holding one sub-folder per collection; defaults to irDatasetsRoot(). */
  root?: string;
  /**
   * Cranfield's unexplained grade -1 (one per query, behaves like the question's source paper):
   * 'relevant' (default) gives it the top gain, 4, like grade 1; 'drop' removes those judgments.
   */
  cranfieldMinusOne?: 'relevant' | 'drop';
}

interface CollectionSpec {
  documents: string;
  queries: string;
  qrels: string;
  /** Fields indexed as the title and as the body. */
  titleField?: string;
  bodyField: string;
  /** Query ids: the `.I` number, or the position in the file (Cranfield's qrels use positions). */
  queryIds: 'number' | 'position';
}

const specs: Record<TestCollectionName, CollectionSpec> = {
  cranfield: {
    documents: 'cran.all.1400',
    queries: 'cran.qry',
    qrels: 'cranqrel',
    titleField: 'T',
    bodyField: 'W',
    queryIds: 'position',
  },
  // `.X` holds citation triples, not text; `.A`/`.B` are authors and sources: none are indexed.
  cisi: {
    documents: 'CISI.ALL',
    queries: 'CISI.QRY',
    qrels: 'CISI.REL',
    titleField: 'T',
    bodyField: 'W',
    queryIds: 'number',
  },
  // MED has no title field: the first sentence of `.W` is the title.
  med: { documents: 'MED.ALL', queries: 'MED.QRY', qrels: 'MED.REL', bodyField: 'W', queryIds: 'number' },
  // Half of CACM is title-only; `.N`, `.X`, `.B` are bookkeeping, citations and dates.
  cacm: {
    documents: 'cacm.all',
    queries: 'query.text',
    qrels: 'qrels.text',
    titleField: 'T',
    bodyField: 'W',
    queryIds: 'number',
  },
};

export function isTestCollectionName(name: string): name is TestCollectionName {
  return (testCollectionNames as readonly string[]).includes(name);
}

export function loadTestCollection(name: string, options: LoadTestCollectionOptions = {}): TestCollection {
  const { root = irDatasetsRoot(), cranfieldMinusOne = 'relevant' } = options;
  if (!isTestCollectionName(name)) {
    throw new GantryError('RAG_COLLECTION_NOT_FOUND', `There is no test collection named "${name}".`, {
      hint: `Use one of ${testCollectionNames.join(', ')}, or a BEIR folder path.`,
      details: { name },
    });
  }
  const spec = specs[name];
  const folder = join(root, name);
  const read = (file: string) => {
    const path = join(folder, file);
    if (!existsSync(path)) {
      throw new GantryError(
        'RAG_COLLECTION_NOT_FOUND',
        `The ${name} collection file ${path} does not exist.`,
        {
          hint: 'Set GANTRY_IR_DATASETS to the folder holding cranfield/, cisi/, med/ and cacm/.',
          details: { name, path },
        },
      );
    }
    return readFileSync(path, 'utf8');
  };
  const notes: string[] = [];

  const documents: CollectionDocument[] = parseSmartRecords(read(spec.documents)).map((record) => {
    const title = spec.titleField ? fieldText(record, spec.titleField) : '';
    return {
      id: normaliseId(record.id),
      ...(title ? { title } : {}),
      text: fieldText(record, spec.bodyField),
    };
  });
  // Queries use `.W` only (CISI's article-style requests also carry .T/.A/.B; CACM's .N names the requester).
  const queries: CollectionQuery[] = parseSmartRecords(read(spec.queries)).map((record, index) => ({
    id: spec.queryIds === 'position' ? String(index + 1) : normaliseId(record.id),
    text: fieldText(record, 'W'),
  }));
  if (spec.queryIds === 'position') {
    notes.push('query ids renumbered by position (1..225): cranqrel numbers queries by position, not by .I');
  }

  const qrels: Qrels = new Map();
  for (const line of read(spec.qrels).split(/\r?\n/)) {
    const columns = line.trim().split(/\s+/);
    if (columns.length < 2 || columns[0] === '') continue;
    const queryId = normaliseId(columns[0]);
    const documentId = normaliseId(columns[1]);
    let gain = 1;
    if (name === 'cranfield') {
      const grade = Number(columns[2]);
      if (grade === -1) {
        if (cranfieldMinusOne === 'drop') continue;
        gain = 4;
      } else {
        // Cleverdon's codes: 1 = complete answer … 4 = minimum interest, so gain = 5 − grade.
        gain = 5 - grade;
      }
    }
    const judged = qrels.get(queryId) ?? new Map<string, number>();
    qrels.set(queryId, judged);
    judged.set(documentId, gain);
  }
  if (name === 'cranfield') {
    notes.push('graded gains = 5 − Cleverdon grade (1 → 4 … 4 → 1)');
    notes.push(
      cranfieldMinusOne === 'drop' ? 'grade −1 judgments dropped' : 'grade −1 judgments kept with gain 4',
    );
  }
  const judgedQueries = queries.filter((query) => (qrels.get(query.id)?.size ?? 0) > 0);
  if (judgedQueries.length < queries.length) {
    notes.push(`evaluated over the ${judgedQueries.length} judged queries of ${queries.length}`);
  }
  return { name, documents, queries, judgedQueries, qrels, notes };
}

/** Ids are zero-padded in some files (`01`, `0756`): compare them as integers. */
function normaliseId(raw: string): string {
  const trimmed = raw.trim();
  return /^\d+$/.test(trimmed) ? String(Number.parseInt(trimmed, 10)) : trimmed;
}
