// Chunking and ingest time against input size, for minified JSON (no spaces, no newlines: the case that
// once took minutes) and for prose: `node bin/run-ts.js bench/rag/run.ts chunking [maxMB]`. Linear means
// the ms per MB stays flat as the input grows. Ingest is the full `gantry ingest` path (load, chunk,
// analyse, store) with the embedder off, into a temporary SQLite file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/index.js';
import { loadFile, openConfiguredCollection } from '../../src/rag/index.js';
import { seededRandom } from '../../src/random/index.js';
import { openSqliteStore } from '../../src/store/index.js';

const words =
  'the of model gateway agent token budget retrieval answer latency cache route stream key limit'.split(' ');

function prose(bytes: number, random: () => number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const sentence = Array.from(
      { length: 8 + Math.floor(random() * 12) },
      () => words[Math.floor(random() * words.length)],
    ).join(' ');
    const text = `${sentence[0].toUpperCase()}${sentence.slice(1)}.${random() < 0.2 ? '\n\n' : ' '}`;
    parts.push(text);
    size += text.length;
  }
  return parts.join('');
}

/** A minified JSON object with no 'text' field (model weights, say): one document, one long line. */
function minifiedJson(bytes: number, random: () => number): string {
  const entries: string[] = [];
  let size = 2;
  while (size < bytes) {
    const entry = `"k${entries.length}":${JSON.stringify({ w: Array.from({ length: 6 }, () => Math.floor(random() * 1e9).toString(36)), v: random() })}`;
    entries.push(entry);
    size += entry.length + 1;
  }
  return `{${entries.join(',')}}`;
}

export async function runChunking(maxMegabytes = 10): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'gantry-bench-chunking-'));
  const config = parseConfig({ rag: { embedder: 'none' } });
  const sizes = [maxMegabytes / 8, maxMegabytes / 4, maxMegabytes / 2, maxMegabytes];
  process.stdout.write('kind   MB     load+chunk+store s  ms/MB   chunks\n');
  try {
    for (const kind of ['json', 'prose'] as const) {
      for (const megabytes of sizes) {
        const random = seededRandom(42);
        const bytes = Math.round(megabytes * 1024 * 1024);
        const file = join(folder, `input-${kind}-${megabytes}.${kind === 'json' ? 'json' : 'txt'}`);
        writeFileSync(file, kind === 'json' ? minifiedJson(bytes, random) : prose(bytes, random));
        const store = openSqliteStore({ path: join(folder, `${kind}-${megabytes}.db`) });
        const collection = await openConfiguredCollection({ store, config, name: 'bench' });
        const started = performance.now();
        const report = await collection.ingest(await loadFile(file));
        const seconds = (performance.now() - started) / 1000;
        await store.close();
        process.stdout.write(
          `${kind.padEnd(6)} ${megabytes.toFixed(2).padStart(5)}  ${seconds.toFixed(2).padStart(18)}  ${((seconds * 1000) / megabytes).toFixed(0).padStart(6)}  ${String(report.chunksAdded).padStart(7)}\n`,
        );
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
