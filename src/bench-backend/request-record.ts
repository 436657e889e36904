// What one benchmark request measured, client side, in milliseconds from its own start.

export interface RequestRecord {
  ok: boolean;
  error?: string;
  /** When it was sent, ms since the run began. */
  sentAtMs: number;
  /** First chunk that carried output (text, reasoning or a tool call). */
  ttftMs: number;
  /** End-to-end latency: send to the end of the stream. */
  latencyMs: number;
  /** Gap before each output chunk after the first (vLLM's ITL: per chunk, not per token). */
  itlMs: number[];
  /** completion_tokens from the usage chunk when the server sends one, else the output chunk count. */
  outputTokens: number;
  /** prompt_tokens from usage, else the prompt's estimate. */
  promptTokens: number;
  /** Whether outputTokens came from the server's usage. */
  usageReported: boolean;
}
