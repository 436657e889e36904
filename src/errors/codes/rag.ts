import type { ErrorDefinition } from './error-definition.js';

export const ragErrors = {
  RAG_COLLECTION_NOT_FOUND: {
    description: 'A collection, a test collection (SMART or BEIR) or one of its files does not exist.',
    httpStatus: 404,
    exitCode: 1,
  },
  RAG_COLLECTION_INVALID: {
    description: 'A test collection file could not be parsed.',
    httpStatus: 400,
    exitCode: 1,
  },
  RAG_CHUNKER_INVALID: {
    description:
      'Chunker options are inconsistent (size not positive, overlap not smaller than size, window negative).',
    httpStatus: 400,
    exitCode: 2,
  },
  RAG_LOADER_UNSUPPORTED: {
    description:
      'A source has a type no loader reads, or needs a loader that is not available (URLs without the safe fetcher).',
    httpStatus: 400,
    exitCode: 1,
  },
  RAG_LOADER_FAILED: {
    description: 'A source could not be read or parsed (missing file, broken PDF, invalid JSON line).',
    httpStatus: 400,
    exitCode: 1,
  },
  RAG_INDEX_EMPTY: {
    description:
      'A search ran against a collection that has no chunks, or a vector search against one without vectors.',
    httpStatus: 404,
    exitCode: 1,
  },
  RAG_DIMENSION_MISMATCH: {
    description: "An embedding's length differs from the collection's vector dimension.",
    httpStatus: 400,
    exitCode: 1,
  },
  RAG_EMBEDDING_FAILED: {
    description: 'The embedding model failed or returned a different number of vectors than inputs.',
    httpStatus: 502,
    exitCode: 1,
  },
  RAG_RERANK_FAILED: {
    description: 'The reranker endpoint or model failed or answered with indexes outside the candidate list.',
    httpStatus: 502,
    exitCode: 1,
  },
  RAG_JUDGE_FAILED: {
    description:
      'The judge model of a RAG metric (faithfulness, relevancy, context precision or recall) did not answer with the JSON asked for.',
    httpStatus: 502,
    exitCode: 1,
  },
  RAG_QUERY_INVALID: {
    description:
      'A search request is malformed (empty query, unknown mode, weight outside 0..1, non-positive limit).',
    httpStatus: 400,
    exitCode: 2,
  },
  RAG_WRITE_FAILED: {
    description:
      'A write of an ingest applied on the background writer thread failed (disk full, permissions, a locked database); nothing after it was stored.',
    httpStatus: 500,
    exitCode: 1,
  },
} as const satisfies Record<string, ErrorDefinition>;
