import type { Migration } from '../../migration.js';

// The gateway's span per request stored in its usage row (one record, one insert) instead of a row of
// its own in spans: the row carries the span's ids, start time, the upstream's model name and any
// attribute the other columns do not hold (usage-span.ts); the trace store reads such rows back as
// one-span traces. The index on created_at finds a row from its trace id (whose first 12 hex digits
// are created_at, in ms) and lists the newest. Rows written before have no span columns; their spans
// stay where they were written, in spans.
export const gatewayUsageSpansMigration: Migration = {
  id: 304,
  name: 'gateway: the span of each request in its usage row',
  up: `
    ALTER TABLE gateway_usage ADD COLUMN trace_id TEXT;
    ALTER TABLE gateway_usage ADD COLUMN span_id TEXT;
    ALTER TABLE gateway_usage ADD COLUMN start_time REAL;
    ALTER TABLE gateway_usage ADD COLUMN response_model TEXT;
    ALTER TABLE gateway_usage ADD COLUMN span_extra TEXT;
    CREATE INDEX gateway_usage_created ON gateway_usage (created_at);
  `,
};
