// A gateway route name used as a model (`--model demo`, `--model chat`): the CLI talks to the running
// Gantry server like any client, over its OpenAI-compatible API at server.host:server.port.
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { GantryConfig } from '../config/index.js';

export type RouteConfig = {
  gateway?: Pick<GantryConfig['gateway'], 'routes'>;
  server?: Pick<GantryConfig['server'], 'host' | 'port'>;
};

export function isGatewayRoute(name: string, config: RouteConfig | undefined): boolean {
  return Boolean(config?.gateway && Object.hasOwn(config.gateway.routes, name));
}

/** The local server's URL (a wildcard listen address is reached on loopback). */
export function gatewayBaseURL(server: RouteConfig['server']): string {
  const host = !server?.host || server.host === '0.0.0.0' || server.host === '::' ? '127.0.0.1' : server.host;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${server?.port ?? 8080}/v1`;
}

export function gatewayRouteModel(
  name: string,
  config: RouteConfig,
  options: { env?: NodeJS.ProcessEnv; fetch?: typeof globalThis.fetch } = {},
): LanguageModelV3 {
  const env = options.env ?? process.env;
  return createOpenAICompatible({
    name: 'gantry',
    baseURL: gatewayBaseURL(config.server),
    // A key is needed only when the server requires one (not on loopback by default).
    apiKey: env.GANTRY_API_KEY,
    fetch: options.fetch,
    includeUsage: true,
  }).chatModel(name);
}
