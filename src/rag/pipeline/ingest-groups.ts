// The write loop of an ingest: changed documents written in groups (one transaction each), their new
// chunks added to BM25 as their row ids come back and embedded in batches across documents, so small
// documents do not mean small transactions or embed calls. Through a background writer
// (write-session.ts) up to `lookahead` groups are sent before the first one's row ids are awaited: this
// thread chunks and analyses the next groups while the writer stores.
import type {
  RagChunkInput,
  RagChunkRecord,
  RagDocumentChange,
  RagDocumentRepository,
} from '../../store/index.js';
import type { Analyzer } from '../analysis/index.js';
import type { Chunker } from '../chunking/index.js';
import type { LoadedDocument } from '../loading/index.js';
import { chunkDocument } from './chunk-document.js';
import type { CollectionIndexes } from './collection-indexes.js';
import { ignoreFailure, type WriteSession } from './write-session.js';

const groupSize = 64;
const backgroundLookahead = 8;

export interface IngestProgress {
  documentsDone: number;
  documentsTotal: number;
  chunksAdded: number;
}

export interface IngestReport {
  documents: number;
  unchanged: number;
  chunksAdded: number;
  chunksRemoved: number;
  chunksKept: number;
  documentsRemoved: number;
}

/** A new or changed document; `chunks` when they were made ahead (the LSA fit of a first ingest). */
export interface ChangedDocument {
  document: LoadedDocument;
  hash: string;
  chunks: RagChunkInput[] | undefined;
}

/** What the loop needs from the collection; the session is the ingest's writer, if it has one. */
export interface DocumentGroupWrites {
  documents: Pick<RagDocumentRepository, 'replaceDocuments'>;
  collectionId: () => number;
  session: WriteSession | undefined;
  chunkerFor: (document: LoadedDocument) => Chunker;
  analyzer: Analyzer;
  indexes: Pick<CollectionIndexes, 'openLexical' | 'changed'>;
  embedBatchSize: number;
  removeChunks(ids: readonly number[], session?: WriteSession): Promise<void>;
  storeVectors(chunks: readonly RagChunkRecord[], session?: WriteSession): Promise<void>;
  recordOwnWrite(session?: WriteSession): Promise<void>;
  /** Counts chunks added, removed and kept. */
  report: IngestReport;
  onProgress?: (progress: IngestProgress) => void;
}

/** Writes every changed document and stores its chunks' vectors (the last batch included). */
export async function writeDocumentGroups(
  changed: readonly ChangedDocument[],
  context: DocumentGroupWrites,
): Promise<void> {
  const { documents, session, indexes, report, embedBatchSize, onProgress } = context;
  const writer = session?.writer;
  const lookahead = writer ? backgroundLookahead : 0;
  const sent: { changes: Promise<RagDocumentChange[]>; documents: number }[] = [];
  let done = 0;
  let pending: RagChunkRecord[] = [];
  const settle = async ({ changes: sentChanges, documents: count }: (typeof sent)[number]) => {
    const changes = await sentChanges;
    for (const change of changes) {
      await context.removeChunks(change.removed, session);
      pending.push(...change.added);
      const lexical = indexes.openLexical;
      if (lexical) for (const chunk of change.added) lexical.addTerms(String(chunk.id), chunk.terms);
      indexes.changed('lexical', change.added.length);
      report.chunksAdded += change.added.length;
      report.chunksRemoved += change.removed.length;
      report.chunksKept += change.kept;
    }
    if (pending.length >= embedBatchSize) {
      await context.storeVectors(pending, session);
      await context.recordOwnWrite(session);
      pending = [];
    }
    done += count;
    onProgress?.({ documentsDone: done, documentsTotal: changed.length, chunksAdded: report.chunksAdded });
  };
  for (let start = 0; start < changed.length; start += groupSize) {
    const group = changed.slice(start, start + groupSize);
    const items = group.map(({ document, hash, chunks }) => ({
      document: { source: document.source, contentHash: hash, metadata: document.metadata },
      chunks: chunks ?? chunkDocument(document, context.chunkerFor(document), context.analyzer),
    }));
    const changes = (writer ?? documents).replaceDocuments(context.collectionId(), items);
    if (writer) ignoreFailure(changes); // awaited below, maybe after a later failure
    sent.push({ changes, documents: group.length });
    while (sent.length > lookahead) await settle(sent.shift()!);
  }
  while (sent.length > 0) await settle(sent.shift()!);
  await context.storeVectors(pending, session);
}
