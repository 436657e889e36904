// Shared set-up for gateway tests: a gateway with its own in-memory store on a real loopback
// socket, plus simulators as upstreams.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GantryConfigInput, parseConfig } from '../src/config/index.js';
import {
  createGateway,
  createSimulator,
  type Gateway,
  type GatewayHooks,
  type GatewayState,
  type Simulator,
  type SimulatorOptions,
} from '../src/gateway/index.js';
import { openSqliteStore, type SqliteStore } from '../src/store/index.js';
import type { Tracer } from '../src/trace/index.js';

export interface Harness {
  gateway: Gateway;
  store: SqliteStore;
  server: Server;
  baseURL: string;
  url: string;
  close(): Promise<void>;
}

export async function startGateway(
  input: GantryConfigInput,
  options: {
    hooks?: GatewayHooks;
    state?: GatewayState;
    env?: NodeJS.ProcessEnv;
    store?: SqliteStore;
    tracer?: Tracer;
  } = {},
): Promise<Harness> {
  const config = parseConfig({ database: { path: ':memory:' }, ...input });
  const store = options.store ?? openSqliteStore({ path: ':memory:' });
  const gateway = await createGateway({
    config,
    store,
    hooks: options.hooks,
    tracer: options.tracer,
    state: options.state,
    env: options.env ?? {},
  });
  // Timeouts are checked every 250 ms (Node's default is 30 s) so that slow-loris tests are quick.
  const server = createServer(
    { connectionsCheckingInterval: 250, headersTimeout: 2_000, requestTimeout: 3_000 },
    (req, res) => {
      if (!gateway.handle(req, res)) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"no route","type":"invalid_request_error","code":"ROUTE_NOT_FOUND"}}');
      }
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    gateway,
    store,
    server,
    url,
    baseURL: `${url}/v1`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
      if (!options.store) await store.close();
    },
  };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = createSimulator(options);
  await simulator.listen();
  return simulator;
}

/** A JSON answer's body, loosely typed for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON
export type JsonBody = Record<string, any>;

export async function jsonOf(response: Response): Promise<JsonBody> {
  return (await response.json()) as JsonBody;
}
