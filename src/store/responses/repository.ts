// The responses domain's repository: stored Responses API answers, always looked up with their tenant.
import type { StoredResponseRecord } from './types.js';

export interface GatewayResponseRepository {
  saveResponse(record: StoredResponseRecord): Promise<void>;
  /** The response, if it exists and belongs to the tenant. */
  getResponse(tenant: string, id: string): Promise<StoredResponseRecord | undefined>;
  /** True when a response of the tenant was deleted. */
  deleteResponse(tenant: string, id: string): Promise<boolean>;
}

/** What the responses domain adds to the Store. */
export interface ResponsesRepositories {
  readonly gatewayResponses: GatewayResponseRepository;
}
