import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { blockInsert } from './block-insert.js';

interface Row {
  a: string | null;
  b: number;
  c: string;
}

const write = (row: Row, into: unknown[], at: number) => {
  into[at] = row.a;
  into[at + 1] = row.b;
  into[at + 2] = row.c;
};

function rows(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    a: i % 7 === 0 ? null : `k${i}-é✓`,
    b: i % 3 === 0 ? i : i + 0.1 + 1e-12 * i,
    c: 'x'.repeat(i % 5),
  }));
}

describe('blockInsert', () => {
  it.each([0, 1, 4, 5, 6, 13, 123])('stores %i rows exactly as one insert per row does', (count) => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE blocks (id INTEGER PRIMARY KEY, a TEXT, b REAL, c TEXT)');
    db.exec('CREATE TABLE singles (id INTEGER PRIMARY KEY, a TEXT, b REAL, c TEXT)');
    const insert = blockInsert(db, 'INSERT INTO blocks (a, b, c)', 3, write, 5);
    const single = db.prepare('INSERT INTO singles (a, b, c) VALUES (?, ?, ?)');
    const input = rows(count);
    db.transaction(() => insert(input))();
    for (const row of input) single.run(row.a, row.b, row.c);
    // As before the change: the same block statement, its values bound as one array.
    db.exec('CREATE TABLE arrays (id INTEGER PRIMARY KEY, a TEXT, b REAL, c TEXT)');
    const block = db.prepare(`INSERT INTO arrays (a, b, c) VALUES ${Array(5).fill('(?, ?, ?)').join(', ')}`);
    const one = db.prepare('INSERT INTO arrays (a, b, c) VALUES (?, ?, ?)');
    let index = 0;
    for (; index + 5 <= input.length; index += 5) {
      const values: unknown[] = [];
      for (let k = 0; k < 5; k++) write(input[index + k], values, k * 3);
      block.run(values);
    }
    for (; index < input.length; index++) one.run([input[index].a, input[index].b, input[index].c]);
    const read = (table: string) =>
      db.prepare(`SELECT id, a, b, typeof(b) AS tb, c FROM ${table} ORDER BY id`).all();
    expect(read('blocks')).toEqual(read('singles'));
    expect(read('blocks')).toEqual(read('arrays'));
    expect(read('blocks')).toHaveLength(count);
  });
});
