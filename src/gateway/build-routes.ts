// Turns configuration into live upstreams and routes: gateway.routes (aliases with strategies and
// fallbacks) plus each entry of `models` (one target on its provider), gateway routes winning.
import type { GantryConfig, GatewayUpstreamConfig } from '../config/index.js';
import { GantryError } from '../errors/index.js';
import { createAnthropicUpstream, type PromptCachingOptions } from './anthropic/index.js';
import type { BreakerState } from './routing/index.js';
import { CircuitBreaker, createStrategy, type Route, type RouteTarget } from './routing/index.js';
import { createSimulator, type Simulator } from './simulator/index.js';
import { createOpenAICompatibleUpstream, type Upstream } from './upstream/index.js';

export interface BuiltRoutes {
  routes: Map<string, Route>;
  upstreams: Map<string, Upstream>;
  /** In-process simulators started for upstreams of type 'simulator'. */
  simulators: Simulator[];
}

export interface BuildRoutesOptions {
  env?: NodeJS.ProcessEnv;
  onBreakerChange?: (target: string, state: BreakerState) => void;
}

const providerDefaults: Record<
  string,
  {
    baseURL: string;
    type: 'openai-compatible' | 'anthropic';
    keyEnv?: string;
    apis?: GatewayUpstreamConfig['apis'];
  }
> = {
  openai: {
    baseURL: 'https://api.openai.com/v1',
    type: 'openai-compatible',
    keyEnv: 'OPENAI_API_KEY',
    apis: ['responses', 'images', 'audio'],
  },
  anthropic: { baseURL: 'https://api.anthropic.com/v1', type: 'anthropic', keyEnv: 'ANTHROPIC_API_KEY' },
  ollama: { baseURL: 'http://127.0.0.1:11434/v1', type: 'openai-compatible' },
};

export async function buildRoutes(
  config: GantryConfig,
  { env = process.env, onBreakerChange }: BuildRoutesOptions = {},
): Promise<BuiltRoutes> {
  const upstreams = new Map<string, Upstream>();
  const timeouts = new Map<string, number>();
  const simulators: Simulator[] = [];
  const gateway = config.gateway;

  const promptCaching = {
    automaticBreakpoints: config.caching.promptCaching.anthropicAutomaticBreakpoints,
    minimumPrefixTokens: config.caching.promptCaching.minimumPrefixTokens,
  };
  for (const [name, entry] of Object.entries(gateway.upstreams)) {
    upstreams.set(name, await createUpstream(name, entry, env, simulators, promptCaching));
    timeouts.set(name, entry.timeoutMs);
  }

  const breakerOptions = gateway.breaker;
  const routes = new Map<string, Route>();
  const makeTarget = (
    upstreamName: string,
    model: string,
    weight: number,
    timeoutMs: number | undefined,
  ): RouteTarget => {
    const upstream = upstreams.get(upstreamName);
    if (!upstream) {
      throw new GantryError(
        'GATEWAY_CONFIG_INVALID',
        `A gateway route names the upstream '${upstreamName}', which is not configured.`,
        {
          hint: `Add it under gateway.upstreams (configured: ${[...upstreams.keys()].join(', ') || 'none'}).`,
        },
      );
    }
    const id = `${upstreamName}/${model}`;
    return {
      id,
      upstream,
      model,
      weight,
      timeoutMs: timeoutMs ?? timeouts.get(upstreamName) ?? 60_000,
      breaker: new CircuitBreaker({
        ...breakerOptions,
        onStateChange: onBreakerChange ? (state) => onBreakerChange(id, state) : undefined,
      }),
      outstanding: 0,
      latencyEwmaMs: 0,
    };
  };

  for (const [alias, model] of Object.entries(config.models)) {
    const colon = model.model.indexOf(':');
    const provider = model.model.slice(0, colon);
    const upstreamName = `provider:${provider}`;
    if (!upstreams.has(upstreamName)) {
      const entry = config.providers[provider];
      const defaults = providerDefaults[entry?.type ?? provider] ?? providerDefaults[provider];
      if (!entry && !defaults) continue; // an unknown provider is reported by the model layer, not here
      const type =
        entry?.type === 'anthropic' || (!entry && defaults?.type === 'anthropic')
          ? 'anthropic'
          : 'openai-compatible';
      const baseURL = entry?.baseURL ?? defaults?.baseURL;
      if (!baseURL) continue;
      const keyEnv = entry?.apiKeyEnv ?? defaults?.keyEnv;
      upstreams.set(
        upstreamName,
        await createUpstream(
          upstreamName,
          {
            type,
            baseURL,
            apiKey: entry?.apiKey ?? (keyEnv ? env[keyEnv] : undefined),
            headers: entry?.headers ?? {},
            connections: 128,
            timeoutMs: 60_000,
            simulator: {},
            // OpenAI itself (its default base URL) speaks the Responses, images and audio APIs.
            apis: baseURL === providerDefaults.openai.baseURL ? providerDefaults.openai.apis : undefined,
          },
          env,
          simulators,
          promptCaching,
        ),
      );
    }
    routes.set(
      alias,
      singleRoute(alias, makeTarget(upstreamName, model.model.slice(colon + 1), 1, undefined)),
    );
  }

  for (const [alias, entry] of Object.entries(gateway.routes)) {
    routes.set(alias, {
      name: alias,
      targets: entry.targets.map((t) => makeTarget(t.upstream, t.model ?? alias, t.weight, t.timeoutMs)),
      order: createStrategy(entry.strategy),
      fallbackOn: new Set(entry.fallbackOn),
      maxAttempts: entry.maxAttempts,
      backoffBaseMs: entry.backoffBaseMs,
      backoffMaxMs: entry.backoffMaxMs,
      maxRetryAfterMs: entry.maxRetryAfterMs,
      affinityCharacters:
        entry.strategy === 'prefix-affinity' ? config.caching.affinity.prefixCharacters : undefined,
    });
  }
  return { routes, upstreams, simulators };
}

function singleRoute(name: string, target: RouteTarget): Route {
  return {
    name,
    targets: [target],
    order: createStrategy('fallback'),
    fallbackOn: new Set([429, 500, 502, 503, 504, 'timeout', 'connection']),
    maxAttempts: 2,
    backoffBaseMs: 100,
    backoffMaxMs: 2_000,
    maxRetryAfterMs: 5_000,
  };
}

async function createUpstream(
  name: string,
  entry: GatewayUpstreamConfig,
  env: NodeJS.ProcessEnv,
  simulators: Simulator[],
  promptCaching: PromptCachingOptions,
): Promise<Upstream> {
  const apiKey = entry.apiKey ?? (entry.apiKeyEnv ? env[entry.apiKeyEnv] : undefined);
  if (entry.type === 'simulator') {
    const simulator = createSimulator(entry.simulator);
    simulators.push(simulator);
    const baseURL = await simulator.listen(0, '127.0.0.1');
    return createOpenAICompatibleUpstream({
      name,
      baseURL,
      connections: entry.connections,
      timeoutMs: entry.timeoutMs,
    });
  }
  if (entry.type === 'llama') {
    if (!entry.llama) {
      throw new GantryError('GATEWAY_CONFIG_INVALID', `The llama upstream '${name}' names no model.`, {
        hint: `Set gateway.upstreams.${name}.llama.model to a GGUF path or an hf: URI.`,
      });
    }
    const { createLlamaUpstream } = await import('../llama/index.js');
    return createLlamaUpstream({ name, ...entry.llama });
  }
  if (!entry.baseURL) {
    throw new GantryError('GATEWAY_CONFIG_INVALID', `The upstream '${name}' has no baseURL.`, {
      hint: 'Set gateway.upstreams.<name>.baseURL, for example http://127.0.0.1:8000/v1.',
    });
  }
  if (entry.type === 'anthropic') {
    return createAnthropicUpstream({
      name,
      baseURL: entry.baseURL,
      apiKey,
      headers: entry.headers,
      connections: entry.connections,
      promptCaching,
    });
  }
  return createOpenAICompatibleUpstream({
    name,
    baseURL: entry.baseURL,
    apiKey,
    headers: entry.headers,
    connections: entry.connections,
    timeoutMs: entry.timeoutMs,
    apis: entry.apis,
  });
}
