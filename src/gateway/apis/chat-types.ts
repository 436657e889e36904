// The chat-completions shapes the translated APIs read: a whole answer and a streamed chunk.

export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
}

export interface ChatCompletion {
  id?: string;
  model?: string;
  choices?: {
    index?: number;
    message?: { role?: string; content?: string | null; tool_calls?: ChatToolCall[] | null };
    finish_reason?: string | null;
  }[];
  usage?: ChatUsage | null;
}

export interface ChatChunkToolCall {
  index: number;
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: string };
}

export interface ChatChunk {
  id?: string;
  model?: string;
  choices?: {
    index?: number;
    delta?: { role?: string; content?: string | null; tool_calls?: ChatChunkToolCall[] | null };
    finish_reason?: string | null;
  }[];
  usage?: ChatUsage | null;
}

/** A chat message as the translated APIs build them (and as stored conversation history). */
export type ChatMessage = Record<string, unknown> & { role: string };

/** Token counts of one answer, as the inbound APIs report them. */
export interface AnswerUsage {
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
}
