import type { Migration } from '../../migration.js';

// Prompt-cache token counts on each usage row: of input_tokens, those read from the provider's cache
// (OpenAI prompt_tokens_details.cached_tokens, Anthropic cache_read_input_tokens) and those written
// to it (Anthropic cache_creation_input_tokens), and their sums in the per-key daily totals. Rows
// written before read 0 in both.
export const gatewayUsageCacheTokensMigration: Migration = {
  id: 303,
  name: 'gateway: prompt-cache token columns on usage rows',
  up: `
    ALTER TABLE gateway_usage ADD COLUMN cached_tokens INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE gateway_usage ADD COLUMN cache_write_tokens INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE gateway_usage_daily ADD COLUMN cached_tokens INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE gateway_usage_daily ADD COLUMN cache_write_tokens INTEGER NOT NULL DEFAULT 0;
  `,
};
