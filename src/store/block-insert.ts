// Inserts rows in blocks of many rows per statement: one statement execution per 50 rows costs
// ~2 µs of CPU per row against ~2.5–3 µs one row at a time (measured on gateway usage rows). Call
// the returned function inside a transaction. The values go to run() as arguments (`run(...values)`),
// not as one array: better-sqlite3 reads an array's elements one by one through the V8 API
// (Object::Get each), its arguments directly; ~0.7 µs less per 21-value row (bench/store/bind-cost.ts).
import type { SqliteDatabase } from './sqlite-database.js';

export function blockInsert<T>(
  db: SqliteDatabase,
  /** `INSERT [OR REPLACE] INTO table (columns...)`, without VALUES. */
  head: string,
  fieldCount: number,
  /** Writes one row's values into `into`, starting at `at`, in column order. */
  write: (row: T, into: unknown[], at: number) => void,
  rowsPerStatement = 50,
  /**
   * One row's VALUES tuple, when some of its columns are SQL constants: `(?, 'chat', ?)`, with
   * `fieldCount` placeholders. Default: a placeholder per column.
   */
  placeholders = `(${Array(fieldCount).fill('?').join(', ')})`,
): (rows: readonly T[]) => void {
  const one = db.prepare(`${head} VALUES ${placeholders}`);
  const block = db.prepare(`${head} VALUES ${Array(rowsPerStatement).fill(placeholders).join(', ')}`);
  const blockValues: unknown[] = new Array(rowsPerStatement * fieldCount);
  const oneValues: unknown[] = new Array(fieldCount);
  return (rows) => {
    let index = 0;
    for (; index + rowsPerStatement <= rows.length; index += rowsPerStatement) {
      for (let k = 0; k < rowsPerStatement; k++) write(rows[index + k], blockValues, k * fieldCount);
      block.run(...blockValues);
    }
    for (; index < rows.length; index++) {
      write(rows[index], oneValues, 0);
      one.run(...oneValues);
    }
  };
}
