import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '../src/agent/index.js';
import { createScriptedModel } from '../src/model/index.js';
import { connectMcpServer, type McpConnection } from '../src/tool/index.js';
import { createMcpTestServer } from './agent-mcp-server.js';

describe('MCP client over stdio', () => {
  let connection: McpConnection;
  beforeAll(async () => {
    connection = await connectMcpServer({
      name: 'shop',
      command: process.execPath,
      args: ['bin/run-ts.js', 'test/agent-mcp-server.ts', '--stdio'],
    });
  }, 30_000);
  afterAll(() => connection?.close());

  it('lists the server tools with their JSON Schemas and validates input with them', async () => {
    expect(connection.tools.map((t) => t.name).sort()).toEqual(['add', 'lookup_order', 'orders_cancel']);
    const add = connection.tools.find((t) => t.name === 'add')!;
    expect(add.inputJsonSchema).toMatchObject({ type: 'object', properties: { a: { type: 'number' } } });
    expect(add.input.safeParse({ a: 1, b: 'x' }).success).toBe(false);
  });

  it('an agent calls MCP tools; an MCP error result becomes an error observation', async () => {
    const model = createScriptedModel([
      {
        toolCalls: [
          { toolName: 'add', input: { a: 2, b: 40 } },
          { toolName: 'lookup_order', input: { orderId: 'Z-9' } },
        ],
      },
      { text: '42, and order Z-9 does not exist.' },
    ]);
    const result = await createAgent({ model, tools: connection.tools }).run('?');
    expect(result.text).toBe('42, and order Z-9 does not exist.');
    expect(result.messages[2]).toMatchObject({
      role: 'tool',
      results: [
        { name: 'add', output: '42', isError: false },
        { name: 'lookup_order', isError: true },
      ],
    });
    expect(JSON.stringify(result.messages[2])).toContain('no order Z-9');
  });
});

describe('MCP client over Streamable HTTP', () => {
  let http: Server;
  let url: string;
  beforeAll(async () => {
    http = createServer(async (request, response) => {
      // Stateless mode: one server and transport per request.
      const server = createMcpTestServer();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      response.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(request, response);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
  });
  afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())));

  it('connects, prefixes names with the server name, and calls a tool', async () => {
    const connection = await connectMcpServer({ name: 'shop', url }, { prefix: true });
    try {
      expect(connection.tools.map((t) => t.name).sort()).toEqual([
        'shop__add',
        'shop__lookup_order',
        'shop__orders_cancel',
      ]);
      const cancel = connection.tools.find((t) => t.name === 'shop__orders_cancel')!;
      expect(
        await cancel.execute({ orderId: 'B-2' }, { signal: new AbortController().signal } as never),
      ).toBe('cancelled B-2');
      const lookup = connection.tools.find((t) => t.name === 'shop__lookup_order')!;
      const controller = new AbortController();
      const output = await lookup.execute({ orderId: 'A-1' }, { signal: controller.signal } as never);
      expect(output).toBe('shipped');
    } finally {
      await connection.close();
    }
  });

  it('fails clearly when nothing listens', async () => {
    await expect(
      connectMcpServer({ name: 'down', url: 'http://127.0.0.1:1/mcp' }, { timeoutMs: 2000 }),
    ).rejects.toMatchObject({
      code: 'MCP_CONNECT_FAILED',
    });
  });
});
