import type { Migration } from '../../migration.js';
import { spanColumns } from '../span-columns.js';

// The attributes every gateway and model span carries get typed columns (span-columns.ts): a gateway
// span's row no longer holds ~300 bytes of JSON (measured: ~2.6 µs of CPU per span, of ~8, went to
// JSON.stringify and the bytes). Spans written before keep their attributes in the JSON; both read
// back the same.
const sqliteType = { text: 'TEXT', number: 'REAL', boolean: 'INTEGER' } as const;

export const spanColumnsMigration: Migration = {
  id: 10,
  name: 'trace: typed span attribute columns',
  up: spanColumns
    .map(([, column, type]) => `ALTER TABLE spans ADD COLUMN ${column} ${sqliteType[type]};`)
    .join('\n'),
};
