// Tools of MCP servers (stdio or Streamable HTTP) as Gantry tools: their JSON Schemas become zod
// validators, and a server-side error result becomes a tool error the model sees.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { z } from 'zod';
import { GantryError } from '../../errors/index.js';
import type { AnyTool } from '../tool.js';

export type McpServerConfig =
  | { name: string; command: string; args?: string[]; env?: Record<string, string>; cwd?: string }
  | { name: string; url: string; headers?: Record<string, string> };

export interface McpConnection {
  readonly name: string;
  readonly tools: AnyTool[];
  close(): Promise<void>;
}

export interface McpToolsOptions {
  /** Prefix tool names with the server name (`server__tool`) so that two servers cannot clash. */
  prefix?: boolean;
  timeoutMs?: number;
}

export async function connectMcpServer(
  server: McpServerConfig,
  options: McpToolsOptions = {},
): Promise<McpConnection> {
  const { prefix = false, timeoutMs = 30_000 } = options;
  const client = new Client({ name: 'gantry', version: '0.1.0' });
  const transport: Transport =
    'command' in server
      ? new StdioClientTransport({
          command: server.command,
          args: server.args ?? [],
          env: server.env ? { ...(process.env as Record<string, string>), ...server.env } : undefined,
          cwd: server.cwd,
          stderr: 'pipe',
        })
      : new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: server.headers } });
  try {
    await client.connect(transport, { timeout: timeoutMs });
  } catch (error) {
    await client.close().catch(() => {});
    throw new GantryError(
      'MCP_CONNECT_FAILED',
      `Cannot connect to MCP server '${server.name}': ${(error as Error).message}`,
      {
        hint:
          'command' in server
            ? `Check that '${server.command}' starts an MCP server on standard input/output.`
            : `Check that ${server.url} is an MCP Streamable HTTP endpoint.`,
        details: { server: server.name },
        cause: error,
      },
    );
  }
  const listed = await client.listTools(undefined, { timeout: timeoutMs });
  const tools = listed.tools.map((tool): AnyTool => {
    const jsonSchema = tool.inputSchema as Record<string, unknown>;
    return {
      name: providerSafeName(prefix ? `${server.name}__${tool.name}` : tool.name),
      description: tool.description ?? tool.title ?? tool.name,
      input: zodFromJsonSchema(jsonSchema),
      inputJsonSchema: jsonSchema,
      async execute(input, context) {
        const result = await client.callTool(
          { name: tool.name, arguments: input as Record<string, unknown> },
          undefined,
          { signal: context.signal, timeout: timeoutMs },
        );
        const text = mcpContentToText(result.content as McpContent[] | undefined);
        if (result.isError) {
          throw new GantryError(
            'MCP_TOOL_FAILED',
            `MCP tool '${tool.name}' on '${server.name}' failed: ${text}`,
            {
              details: { server: server.name, tool: tool.name },
            },
          );
        }
        return result.structuredContent ?? text;
      },
    };
  });
  return { name: server.name, tools, close: () => client.close() };
}

type McpContent = { type: string; text?: string; mimeType?: string; uri?: string };

function mcpContentToText(content: McpContent[] | undefined): string {
  return (content ?? [])
    .map((part) =>
      part.type === 'text' ? part.text : `[${part.type}${part.mimeType ? ` ${part.mimeType}` : ''}]`,
    )
    .join('\n');
}

function zodFromJsonSchema(schema: Record<string, unknown>): z.ZodType {
  try {
    return z.fromJSONSchema(schema as never);
  } catch {
    // A schema zod cannot express still lets the call through; the server validates it anyway.
    return z.looseObject({});
  }
}

/** Providers accept [a-zA-Z0-9_-]{1,64} as tool names; MCP allows more (dots, slashes, long names). */
function providerSafeName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
}
