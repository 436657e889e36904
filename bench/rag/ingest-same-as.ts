// Same stored rows, snapshots and search results as another checkout (e.g. main extracted with
// `git archive`, node_modules linked): both trees ingest the same synthetic corpus (bulk path, background
// writer, quantized index past 5,000 vectors), then a second ingest changes and removes documents; the
// search results of 140 queries (bm25, vector, hybrid, filtered) and every RAG table (timestamps left
// out) and snapshot are hashed and compared. Needs the sqlite3 CLI.
// `RAG_COMPARE_TREE=/tmp/main RAG_INGEST_SIZE=12000 node bin/run-ts.js bench/rag/ingest-same-as.ts`
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDocuments, precomputedEmbedder } from './ingest-documents.js';
import { syntheticCorpus } from './synthetic-corpus.js';

const size = Number(process.env.RAG_INGEST_SIZE ?? 12_000);
const other = process.env.RAG_COMPARE_TREE;
if (!other) throw new Error('set RAG_COMPARE_TREE to the other checkout');
const corpus = syntheticCorpus(size);
const out: Record<string, string> = {};
for (const [name, root] of [
  ['other', other],
  ['this', process.cwd()],
]) {
  const { openRagCollection } = await import(`${root}/src/rag/index.ts`);
  const { openSqliteStore } = await import(`${root}/src/store/index.ts`);
  const path = join(mkdtempSync(join(tmpdir(), 'ia-same-')), 'x.db');
  const store = openSqliteStore({ path });
  const options = {
    store,
    name: 'bench',
    embedder: precomputedEmbedder(corpus),
    chunkerFor: () => (text: string) => [{ text, metadata: {} }],
    approximateAbove: 5000,
  };
  const collection = await openRagCollection(options);
  const docs = benchDocuments(corpus.texts);
  await collection.ingest(docs);
  // A second ingest that changes some documents and drops others (replacements, removals).
  const changed = docs
    .filter((_, i) => i % 5 !== 0)
    .map((d, i) =>
      i % 3 === 0 ? { ...d, sections: d.sections.map((s) => ({ ...s, text: `${s.text} extra${i}` })) } : d,
    );
  await collection.ingest(changed, { removeMissingUnder: 'doc-' });
  const results: unknown[] = [];
  for (const query of corpus.queries.slice(0, 40))
    for (const mode of ['bm25', 'vector', 'hybrid'])
      results.push(await collection.search(query.text, { mode, limit: 10 }));
  for (const query of corpus.queries.slice(40, 60))
    results.push(
      await collection.search(query.text, { mode: 'hybrid', limit: 10, filter: { shard: 3 } } as never),
    );
  await store.close();
  const dump = (sql: string) => {
    try {
      return hashOf(sql);
    } catch {
      return 'n/a';
    }
  };
  const hashOf = (sql: string) =>
    createHash('sha256')
      .update(
        execFileSync('sqlite3', [path, sql], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }),
      )
      .digest('hex')
      .slice(0, 16);
  const tables = execFileSync('sqlite3', [path, '.tables'])
    .toString()
    .split(/\s+/)
    .filter((t) => t.startsWith('rag'));
  out[name] = JSON.stringify({
    results: createHash('sha256').update(JSON.stringify(results)).digest('hex').slice(0, 16),
    hits: (results as unknown[][]).reduce((n, r) => n + r.length, 0),
    tables: Object.fromEntries(
      tables.map((t) => [
        t,
        dump(
          t === 'rag_collections'
            ? 'SELECT id, name FROM rag_collections'
            : t === 'rag_documents'
              ? 'SELECT id, collection_id, source, content_hash, metadata FROM rag_documents ORDER BY 1'
              : `SELECT * FROM ${t} ORDER BY 1`,
        ),
      ]),
    ),
    snapshots: dump('SELECT kind, part, log_seq, hex(data) FROM rag_index_snapshots ORDER BY 1, 2'),
  });
  console.log(name, out[name]);
}
console.log(out.other === out.this ? 'IDENTICAL' : 'DIFFERENT');
if (out.other !== out.this) process.exitCode = 1;
