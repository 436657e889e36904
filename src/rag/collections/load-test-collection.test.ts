import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GantryError } from '../../errors/index.js';
import { hasTestCollection, loadBeirCollection, loadTestCollection, parseSmartRecords } from './index.js';

describe('parseSmartRecords', () => {
  it('splits records on .I, fields on marker lines (trailing spaces tolerated), trims padding', () => {
    const records = parseSmartRecords(
      '.I 001\n.T \nA title   \n.W\n first line  \nsecond\n.X\n1\t5\t1\n.I 2\n.W\nx',
    );
    expect(records).toEqual([
      { id: '001', fields: { T: 'A title', W: ' first line\nsecond', X: '1\t5\t1' } },
      { id: '2', fields: { W: 'x' } },
    ]);
  });
});

describe('loadTestCollection', () => {
  it('rejects an unknown name with a clear error', () => {
    try {
      loadTestCollection('trec-covid');
      expect.unreachable();
    } catch (error) {
      expect(GantryError.isInstance(error) && error.code).toBe('RAG_COLLECTION_NOT_FOUND');
    }
  });

  it.runIf(hasTestCollection('cranfield'))('cranfield: positional query ids, graded gains, −1 choice', () => {
    const collection = loadTestCollection('cranfield');
    expect(collection.documents).toHaveLength(1400);
    expect(collection.queries).toHaveLength(225);
    expect(collection.queries[1]).toMatchObject({ id: '2' });
    expect([...collection.qrels.values()].reduce((n, m) => n + m.size, 0)).toBe(1837);
    expect(collection.qrels.get('1')?.get('184')).toBe(3); // grade 2 → gain 3
    expect(collection.documents.find((d) => d.id === '471')?.text).toBe('');
    const dropped = loadTestCollection('cranfield', { cranfieldMinusOne: 'drop' });
    expect([...dropped.qrels.values()].reduce((n, m) => n + m.size, 0)).toBe(1837 - 225);
  });

  it.runIf(hasTestCollection('cisi'))('cisi: 1460 documents without citations, 76 judged queries', () => {
    const collection = loadTestCollection('cisi');
    expect(collection.documents).toHaveLength(1460);
    expect(collection.queries).toHaveLength(112);
    expect(collection.judgedQueries).toHaveLength(76);
    expect(collection.documents[0].title).toBe('18 Editions of the Dewey Decimal Classifications');
    expect(collection.documents.some((d) => /\t/.test(d.text))).toBe(false);
  });

  it.runIf(hasTestCollection('med'))('med: 1033 documents, 30 queries, 696 judgments', () => {
    const collection = loadTestCollection('med');
    expect(collection.documents).toHaveLength(1033);
    expect(collection.judgedQueries).toHaveLength(30);
    expect([...collection.qrels.values()].reduce((n, m) => n + m.size, 0)).toBe(696);
    expect(collection.documents[0].text.startsWith('correlation between maternal')).toBe(true);
  });

  it.runIf(hasTestCollection('cacm'))('cacm: zero-padded qrels ids, 52 judged of 64', () => {
    const collection = loadTestCollection('cacm');
    expect(collection.documents).toHaveLength(3204);
    expect(collection.queries).toHaveLength(64);
    expect(collection.judgedQueries).toHaveLength(52);
    expect(collection.qrels.get('1')?.has('1410')).toBe(true);
    expect(collection.queries[0].text).toContain('TSS');
    expect(collection.queries[0].text).not.toContain('Richard Alexander');
  });

  it.skipIf(hasTestCollection('cranfield'))(
    'skipped: ../shared/datasets/ir is absent (set GANTRY_IR_DATASETS)',
    () => {},
  );
});

describe('loadBeirCollection', () => {
  it('reads corpus, queries and qrels with a header line', () => {
    const folder = mkdtempSync(join(tmpdir(), 'beir-'));
    mkdirSync(join(folder, 'qrels'));
    writeFileSync(
      join(folder, 'corpus.jsonl'),
      '{"_id":"d1","title":"T","text":"body"}\n{"_id":"d2","text":"x"}\n',
    );
    writeFileSync(join(folder, 'queries.jsonl'), '{"_id":"q1","text":"what"}\n{"_id":"q2","text":"none"}\n');
    writeFileSync(join(folder, 'qrels', 'test.tsv'), 'query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\t0\n');
    const collection = loadBeirCollection(folder);
    expect(collection.documents[0]).toEqual({ id: 'd1', title: 'T', text: 'body' });
    expect(collection.judgedQueries.map((q) => q.id)).toEqual(['q1']);
    expect([...collection.qrels.get('q1')!.keys()]).toEqual(['d1']);
  });
});
