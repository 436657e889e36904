// The trace domain: spans and trace summaries.
import { defineStoreDomain } from '../domain.js';
import { traceMigrations } from './migrations/index.js';
import type { TraceRepositories } from './repository.js';
import { createSqliteSpanRepository } from './sqlite/spans.js';

export type { SpanRepository, TraceRepositories } from './repository.js';
export { createSqliteSpanRepository } from './sqlite/spans.js';
export type { SpanRecord, TraceSummary } from './types.js';

export const traceDomain = defineStoreDomain({
  name: 'trace',
  migrationIds: [1, 99],
  sqlite: {
    migrations: traceMigrations,
    create: (db): TraceRepositories => ({ spans: createSqliteSpanRepository(db) }),
  },
});
