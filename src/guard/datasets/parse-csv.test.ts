import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, and CRLF rows', () => {
    const text = 'id,tweet\r\n1,"hello, ""world""\nsecond line"\r\n2,plain\n3,';
    expect(parseCsv(text)).toEqual([
      ['id', 'tweet'],
      ['1', 'hello, "world"\nsecond line'],
      ['2', 'plain'],
      ['3', ''],
    ]);
  });
});
