// Records of the responses domain: a stored OpenAI Responses API answer, with the conversation it
// continues, so that `previous_response_id` can pick the conversation up again (per tenant).

export interface StoredResponseRecord {
  /** `resp_...` */
  id: string;
  /** The tenant of the key that created it: another tenant can neither read nor continue it. */
  tenant: string;
  /** The alias the client asked for. */
  model: string;
  /** The Response object as the client received it (GET /v1/responses/{id} returns it). */
  response: Record<string, unknown>;
  /** The conversation so far in chat-completions messages, this answer included (instructions excluded). */
  messages: Record<string, unknown>[];
  createdAt: number;
}
