import { z } from 'zod';

const protocol = z.enum(['auto', 'native', 'json', 'react']);

const mcpServer = z.union([
  z
    .object({
      name: z.string().min(1),
      command: z.string().min(1),
      args: z.array(z.string()).default([]),
      env: z.record(z.string(), z.string()).optional(),
      cwd: z.string().optional(),
    })
    .strict(),
  z
    .object({ name: z.string().min(1), url: z.url(), headers: z.record(z.string(), z.string()).optional() })
    .strict(),
]);

/** Configuration of the agent subsystem. */
export const agentSection = z
  .object({
    /** Default model for `gantry run` ('provider:model' or an alias from `models`). */
    model: z.string().optional(),
    /** Tool-calling protocol; 'auto' tries native, then json, then react when the backend lacks them. */
    protocol: protocol.default('auto'),
    /** Per-model protocol, for models known to lack native tool calls (for example small local models). */
    modelProtocols: z.record(z.string(), protocol).default({}),
    maximumSteps: z.number().int().positive().default(20),
    maximumToolCalls: z.number().int().positive().optional(),
    maximumInputTokens: z.number().int().positive().optional(),
    maximumOutputTokens: z.number().int().positive().optional(),
    maximumCostUsd: z.number().positive().optional(),
    maximumDurationMs: z.number().int().positive().optional(),
    /** Same tool, same arguments, this many times: stop (0: off). */
    repeatedCallLimit: z.number().int().min(0).default(3),
    /** Same observations this many steps in a row: stop (0: off). */
    noProgressLimit: z.number().int().min(0).default(3),
    /** When a limit stops a run, one last turn without tools to answer. */
    finalAnswerOnStop: z.boolean().default(true),
    /** Unusable replies in a row (bad format, unknown tool, invalid arguments) before a run stops. */
    maximumRepairs: z.number().int().min(0).default(3),
    toolTimeoutMs: z.number().int().positive().default(60_000),
    /** How many tool calls of one step run at once (1: one after another). */
    toolConcurrency: z.number().int().positive().default(1),
    /** Retries of a model call that failed transiently (429, 5xx), with exponential backoff. */
    modelRetries: z.number().int().min(0).default(2),
    /** A tool result longer than this (as text or JSON) is cut before the model sees it. */
    maximumObservationCharacters: z.number().int().positive().default(50_000),
    /** Tools (built-in names, or MCP tools as server__tool) whose every call waits for a person's approval. */
    requireApproval: z.array(z.string()).default([]),
    tools: z
      .object({
        webFetch: z
          .object({
            /** Hosts ('name' or 'name:port') that may resolve to private addresses (intranets). */
            allowHosts: z.array(z.string()).default([]),
            maximumBytes: z
              .number()
              .int()
              .positive()
              .default(2 * 1024 * 1024),
            timeoutMs: z.number().int().positive().default(15_000),
            maximumCharacters: z.number().int().positive().default(20_000),
          })
          .strict()
          .prefault({}),
        fileRead: z
          .object({
            /** The only folder file_read may read from. */
            root: z.string().default('.'),
            maximumBytes: z
              .number()
              .int()
              .positive()
              .default(256 * 1024),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /** MCP servers whose tools agents can use (stdio command or Streamable HTTP URL). */
    mcpServers: z.array(mcpServer).default([]),
  })
  .strict()
  .prefault({});

export type AgentConfig = z.infer<typeof agentSection>;
