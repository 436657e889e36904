// A small MCP server for test/agent-mcp.test.ts: over stdio when run as a program, or over
// Streamable HTTP through createMcpTestServer().
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

export function createMcpTestServer(): McpServer {
  const server = new McpServer({ name: 'gantry-test', version: '1.0.0' });
  server.registerTool(
    'add',
    { description: 'Adds two numbers.', inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }),
  );
  server.registerTool(
    'lookup_order',
    { description: 'Finds an order by id.', inputSchema: { orderId: z.string() } },
    async ({ orderId }) =>
      orderId === 'A-1'
        ? { content: [{ type: 'text', text: 'shipped' }] }
        : { content: [{ type: 'text', text: `no order ${orderId}` }], isError: true },
  );
  server.registerTool(
    'orders.cancel',
    { description: 'Cancels an order (a dotted MCP name).', inputSchema: { orderId: z.string() } },
    async ({ orderId }) => ({ content: [{ type: 'text', text: `cancelled ${orderId}` }] }),
  );
  return server;
}

if (process.argv.includes('--stdio')) {
  await createMcpTestServer().connect(new StdioServerTransport());
}
