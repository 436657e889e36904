// The RAG commands end to end, as a user runs them: a real process, a real database file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let folder: string;
const gantry = (args: string[]) =>
  spawnSync(process.execPath, ['bin/gantry.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, GANTRY_DATABASE: join(folder, 'gantry.db') },
    timeout: 60_000,
  });

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'rag-cli-'));
  mkdirSync(join(folder, 'docs'));
  writeFileSync(join(folder, 'docs', 'wing.md'), '# Wings\n\nA wing in a propeller slipstream gains lift.');
  writeFileSync(join(folder, 'docs', 'heat.txt'), 'Heat transfer in hypersonic boundary layers.');
  const beir = join(folder, 'beir');
  mkdirSync(join(beir, 'qrels'), { recursive: true });
  writeFileSync(
    join(beir, 'corpus.jsonl'),
    '{"_id":"d1","text":"wing slipstream lift"}\n{"_id":"d2","text":"heat transfer boundary"}\n{"_id":"d3","text":"shock waves"}\n',
  );
  writeFileSync(
    join(beir, 'queries.jsonl'),
    '{"_id":"q1","text":"slipstream wing"}\n{"_id":"q2","text":"heat"}\n',
  );
  writeFileSync(join(beir, 'qrels', 'test.tsv'), 'query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n');
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A loopback port nothing listens on (bound once, then closed). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('gantry ingest / search / rag', () => {
  it('ingests a folder, searches it as JSON, and re-ingests incrementally', () => {
    const first = gantry([
      'ingest',
      join(folder, 'docs'),
      '--collection',
      'c',
      '--embedder',
      'none',
      '--json',
    ]);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ documents: 2, chunksAdded: 2 });
    const search = gantry(['search', 'slipstream', '--collection', 'c', '--json']);
    expect(search.status, search.stderr).toBe(0);
    // For people: the BM25 score, not the fused rank score.
    const human = gantry(['search', 'slipstream', '--collection', 'c']);
    expect(human.stdout).toMatch(/^ 1\. bm25 \d+\.\d\d {2}\S*wing\.md/m);
    expect(JSON.parse(search.stdout)[0].metadata.headingPath).toEqual(['Wings']);
    rmSync(join(folder, 'docs', 'heat.txt'));
    const again = gantry(['ingest', join(folder, 'docs'), '--collection', 'c', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ unchanged: 1, documentsRemoved: 1 });
    const missing = gantry(['search', '', '--collection', 'c']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('RAG_QUERY_INVALID');
    const transform = gantry(['search', 'wing', '--collection', 'c', '--transform', 'hyde']);
    expect(transform.status).toBe(2);
    expect(transform.stderr).toContain('needs a model');
  });

  it('search and ask refuse a collection that does not exist, and do not create it', () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const search = gantry(['search', 'x', '--collection', 'nope']);
      expect(search.status).toBe(1);
      expect(search.stderr).toContain('RAG_COLLECTION_NOT_FOUND');
      expect(search.stderr).toContain('Known collections: c');
    }
    const ask = gantry(['ask', 'x', '--collection', 'nope', '--model', 'ollama:m']);
    expect(ask.stderr).toContain('RAG_COLLECTION_NOT_FOUND');
  });

  it('ask with the backend down is a clear MODEL_CALL_FAILED, not an internal error', async () => {
    const config = join(folder, 'down.json');
    const port = await closedPort();
    writeFileSync(
      config,
      JSON.stringify({
        providers: { down: { type: 'openai-compatible', baseURL: `http://127.0.0.1:${port}/v1` } },
        rag: { answer: { minimumBm25: 0.1 } },
      }),
    );
    const ask = gantry([
      'ask',
      'slipstream wing lift',
      '--collection',
      'c',
      '--model',
      'down:m',
      '--config',
      config,
    ]);
    expect(ask.stderr).toContain('MODEL_CALL_FAILED');
    expect(ask.stderr).not.toContain('internal error');
    expect(ask.stderr).not.toMatch(/\n\s+at /);
    expect(ask.status).toBe(1);
  });

  it('evaluates a BEIR folder and writes a TREC run', () => {
    const run = join(folder, 'bm25.run');
    const result = gantry([
      'rag',
      'eval',
      join(folder, 'beir'),
      '--modes',
      'bm25',
      '--run-file',
      run,
      '--json',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const [report] = JSON.parse(result.stdout);
    expect(report.systems[0]).toMatchObject({ system: 'bm25', ndcgAt10: 1, mrrAt10: 1 });
    expect(readFileSync(run, 'utf8').split('\n')[0]).toMatch(/^q1 Q0 d1 1 [\d.]+ gantry-bm25$/);
  });

  it('shows rag eval progress on stderr (it printed nothing while it ingested and searched)', () => {
    const result = gantry(['rag', 'eval', join(folder, 'beir'), '--modes', 'bm25,hybrid']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/: ingesting \d+ documents\n/);
    expect(result.stderr).toMatch(/: running \d+ queries \(all systems\)\n/);
    const quiet = gantry(['rag', 'eval', join(folder, 'beir'), '--modes', 'bm25', '--no-progress']);
    expect(quiet.stderr).toBe('');
  });
});
