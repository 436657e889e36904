// Turns a loaded document into stored chunks: chunked per section, ids from content hashes (source +
// text + occurrence), so a re-ingest recognises every chunk whose text did not change.
import * as crypto from 'node:crypto';
import type { RagChunkInput } from '../../store/index.js';
import type { Analyzer } from '../analysis/index.js';
import type { Chunker } from '../chunking/index.js';
import { termFrequencies } from '../lexical/index.js';
import type { LoadedDocument } from '../loading/index.js';

// One-shot `crypto.hash` (Node ≥ 20.12; no Hash object per chunk): about half the CPU of
// createHash().update().digest(), the same hex.
const hash: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

export function chunkDocument(
  document: LoadedDocument,
  chunker: Chunker,
  analyzer: Analyzer,
): RagChunkInput[] {
  const seen = new Map<string, number>();
  const chunks: RagChunkInput[] = [];
  for (const section of document.sections) {
    for (const chunk of chunker(section.text)) {
      const occurrence = seen.get(chunk.text) ?? 0;
      seen.set(chunk.text, occurrence + 1);
      const terms = termFrequencies(analyzer(chunk.text));
      chunks.push({
        chunkId: hash(`${document.source}\u0000${occurrence}\u0000${chunk.text}`).slice(0, 32),
        text: chunk.text,
        metadata: { ...document.metadata, ...section.metadata, ...chunk.metadata },
        terms,
      });
    }
  }
  return chunks;
}

export function documentHash(document: LoadedDocument): string {
  return hash(JSON.stringify([document.metadata, document.sections]));
}
