import type { ErrorDefinition } from './error-definition.js';

// The store's backends beyond the embedded SQLite file (Postgres) and moving data between them.
export const storeErrors = {
  STORE_URL_INVALID: {
    description: 'database.url is not a postgres:// URL Gantry can use.',
    httpStatus: 500,
    exitCode: 2,
  },
  STORE_CONNECT_FAILED: {
    description: 'The Postgres server named by database.url could not be reached or refused the login.',
    httpStatus: 503,
    exitCode: 1,
  },
  STORE_DOMAIN_UNSUPPORTED: {
    description:
      'A feature used a store domain that has no implementation on the configured backend (Postgres).',
    httpStatus: 501,
    exitCode: 1,
  },
  STORE_TRANSFER_MISMATCH: {
    description:
      '`gantry db import/export` copied a table but its row count or checksum differs at the target.',
    httpStatus: 500,
    exitCode: 1,
  },
  STORE_TARGET_NOT_EMPTY: {
    description: '`gantry db import/export` was pointed at a database that already holds rows.',
    httpStatus: 409,
    exitCode: 1,
  },
} as const satisfies Record<string, ErrorDefinition>;
