// The stored forms of the two persisted indexes: BM25's lives beside the index (src/search/lexical/
// bm25-snapshot.ts, format 2); the quantized index's too (src/search/vector/quantized-snapshot.ts,
// format 2: a part per block of slots, opened as views). Both refuse other versions with
// SnapshotFormatError, and the caller rebuilds from the rows.
import { decodeBm25, encodeBm25 } from '../../search/lexical/index.js';
import { decodeQuantized, encodeQuantized } from '../../search/vector/index.js';

export { decodeBm25, decodeQuantized, encodeBm25, encodeQuantized };
