// The responses domain: stored OpenAI Responses API answers, the state behind `previous_response_id`.
import { defineStoreDomain } from '../domain.js';
import { responsesMigrations } from './migrations/index.js';
import { responsesPostgres } from './postgres/index.js';
import type { ResponsesRepositories } from './repository.js';
import { createSqliteGatewayResponseRepository } from './sqlite/responses.js';

export type { GatewayResponseRepository, ResponsesRepositories } from './repository.js';
export { createSqliteGatewayResponseRepository } from './sqlite/responses.js';
export type { StoredResponseRecord } from './types.js';

export const responsesDomain = defineStoreDomain({
  name: 'responses',
  migrationIds: [860, 879],
  sqlite: {
    migrations: responsesMigrations,
    create: (db): ResponsesRepositories => ({
      gatewayResponses: createSqliteGatewayResponseRepository(db),
    }),
  },
  postgres: responsesPostgres,
});
