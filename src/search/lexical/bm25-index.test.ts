import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../analysis/index.js';
import { Bm25Index, topByScore } from './index.js';

const plain = createAnalyzer({ stopwords: new Set(), stem: false });

describe('Bm25Index', () => {
  it('scores with the Lucene formula (hand-computed)', () => {
    const index = new Bm25Index({ k1: 1.2, b: 0.75, analyzer: plain });
    index.add('d1', 'cat cat dog');
    index.add('d2', 'dog');
    // N=2, avgdl=2, df(cat)=1: idf = ln 2; tf=2, |d1|=3: 2 / (2 + 1.2·(0.25 + 0.75·1.5)) = 0.547945
    const [hit] = index.search('cat');
    expect(hit.id).toBe('d1');
    expect(hit.score).toBeCloseTo(Math.LN2 * 0.547945, 5);
    expect(index.search('cat')).toHaveLength(1);
  });

  it('applies k1 and b: b = 0 ignores length, repeated query terms count twice', () => {
    const index = new Bm25Index({ k1: 0.9, b: 0, analyzer: plain });
    index.add('short', 'wing');
    index.add('long', 'wing body body body body body');
    index.add('other', 'tail');
    const scores = index.search('wing');
    expect(scores[0].score).toBeCloseTo(scores[1].score, 12);
    expect(index.search('wing wing')[0].score).toBeCloseTo(2 * scores[0].score, 12);
  });

  it('filters see the value a document was added with, also after compaction', () => {
    const index = new Bm25Index<{ year: number }>({ analyzer: plain });
    for (let number = 0; number < 200; number++)
      index.add(
        `d${number}`,
        `${number % 3 === 0 ? 'apple' : 'pear'} ${number % 7 === 0 ? 'apple' : 'plum'}`,
        {
          year: 2000 + (number % 10),
        },
      );
    for (let number = 80; number < 200; number++) index.remove(`d${number}`);
    const byId = index.search('apple pear', { limit: 5, filter: (id) => Number(id.slice(1)) % 10 === 3 });
    const byValue = index.search('apple pear', { limit: 5, filter: (_, value) => value?.year === 2003 });
    expect(byValue).toEqual(byId);
    expect(byValue.map((hit) => hit.id)).toEqual(['d63', 'd3', 'd33', 'd13', 'd23']);
  });

  it('replaces and removes documents incrementally, updating idf and avgdl', () => {
    const index = new Bm25Index({ analyzer: plain });
    index.add('a', 'alpha beta');
    index.add('b', 'beta gamma');
    const fresh = new Bm25Index({ analyzer: plain });
    fresh.add('b', 'beta delta');
    index.add('b', 'beta delta');
    index.remove('a');
    expect(index.size).toBe(1);
    expect(index.search('alpha')).toEqual([]);
    expect(index.search('beta delta')).toEqual(fresh.search('beta delta'));
  });

  it('filters results and breaks ties by id', () => {
    const index = new Bm25Index({ analyzer: plain });
    for (const id of ['c', 'a', 'b']) index.add(id, 'same words');
    expect(index.search('same').map((hit) => hit.id)).toEqual(['a', 'b', 'c']);
    expect(index.search('same', { filter: (id) => id !== 'a', limit: 1 }).map((hit) => hit.id)).toEqual([
      'b',
    ]);
  });

  it('stays exact after removing most documents (compaction renumbers slots)', () => {
    const index = new Bm25Index({ analyzer: plain });
    const fresh = new Bm25Index({ analyzer: plain });
    for (let n = 0; n < 50; n++) index.add(`d${n}`, `common word${n % 5} extra${n}`);
    for (let n = 0; n < 50; n++) if (n % 7 !== 0) index.remove(`d${n}`);
    for (let n = 0; n < 50; n += 7) fresh.add(`d${n}`, `common word${n % 5} extra${n}`);
    index.add('late', 'common word1');
    fresh.add('late', 'common word1');
    expect(index.size).toBe(fresh.size);
    expect(index.search('common word1 extra14', { limit: 20 })).toEqual(
      fresh.search('common word1 extra14', { limit: 20 }),
    );
  });

  it('topByScore picks the same top entries through its heap as a full sort', () => {
    const entries = Array.from({ length: 500 }, (_, n) => ({ id: `d${n}`, score: (n * 7919) % 101 }));
    const sorted = [...entries].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, 10);
    expect(topByScore([...entries], 10)).toEqual(sorted);
  });
});
