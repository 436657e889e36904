// An order-independent checksum of a table's rows: each row's canonical text (numbers as JSON, bytes
// as hex) is hashed with SHA-256 and the first 8 bytes are summed modulo 2^64. Equal on both backends
// exactly when they hold the same rows, whatever order the rows come back in.
import { createHash } from 'node:crypto';
import type { CellValue } from './table-access.js';

function canonical(value: CellValue): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return `x${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

export function tableChecksum(rows: readonly CellValue[][]): string {
  let sum = 0n;
  for (const row of rows) {
    const digest = createHash('sha256').update(row.map(canonical).join('\u0001')).digest();
    sum = (sum + digest.readBigUInt64BE(0)) & 0xffffffffffffffffn;
  }
  return sum.toString(16).padStart(16, '0');
}
