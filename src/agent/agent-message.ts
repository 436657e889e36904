// The run's history in a protocol-neutral form: each protocol renders it into its own prompt, and
// the checkpoint stores it as plain JSON.

export interface ToolCallRecord {
  id: string;
  name: string;
  input: unknown;
  /** Set when the arguments could not be read as JSON; the call is answered with this error. */
  inputError?: string;
  /** The repairs made to read this call from the model's text (absent: read as written). */
  repairs?: { kind: string; detail: string }[];
}

export interface ToolResultRecord {
  id: string;
  name: string;
  /** What the model is shown: the tool's return value, or an error message. */
  output: unknown;
  isError: boolean;
}

export type AgentMessage =
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string; toolCalls: ToolCallRecord[] }
  | { role: 'tool'; results: ToolResultRecord[] }
  /** Gantry talking to the model: a format error to correct, or the order to answer now. */
  | { role: 'feedback'; text: string };
