// Turns 'provider:model' (or a configured alias) into an AI SDK model. Any AI SDK provider can also be
// passed directly to the rest of Gantry; this is the by-name path used by configuration and the CLI.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { EmbeddingModelV3, LanguageModelV3 } from '@ai-sdk/provider';
import type { GantryConfig, ProviderEntry } from '../config/index.js';
import { GantryError } from '../errors/index.js';
import { createLlamaEmbeddingModel, createLlamaLanguageModel } from '../llama/index.js';
import { gatewayRouteModel, isGatewayRoute, type RouteConfig } from './gateway-route-model.js';
import { parseModelSpec } from './parse-model-spec.js';
import { loadScriptFileModel, scriptProviderName } from './script-file-model.js';

export type FetchFunction = typeof globalThis.fetch;

export interface ResolveModelOptions {
  /**
   * Supplies config.providers (named backends) and config.models (aliases); with gateway and server,
   * a gateway route name resolves to the local server's route.
   */
  config?: Pick<GantryConfig, 'providers' | 'models'> & RouteConfig;
  /** Replaces fetch for every request (record/replay cassettes use this). */
  fetch?: FetchFunction;
  env?: NodeJS.ProcessEnv;
}

export const builtInProviders: Record<string, ProviderEntry> = {
  openai: { type: 'openai', apiKeyEnv: 'OPENAI_API_KEY' },
  anthropic: { type: 'anthropic', apiKeyEnv: 'ANTHROPIC_API_KEY' },
  ollama: { type: 'ollama', baseURL: 'http://127.0.0.1:11434/v1' },
  'openai-compatible': { type: 'openai-compatible', apiKeyEnv: 'OPENAI_COMPATIBLE_API_KEY' },
  llama: { type: 'llama' },
};

export function resolveModel(specOrAlias: string, options: ResolveModelOptions = {}): LanguageModelV3 {
  const local = resolveLocalName(specOrAlias, options);
  if (local) return local;
  const { entry, name, modelId } = lookUp(specOrAlias, options);
  const apiKey = apiKeyOf(entry, options.env ?? process.env);
  const { fetch } = options;
  switch (entry.type) {
    case 'openai':
      return createOpenAI({ apiKey, baseURL: entry.baseURL, headers: entry.headers, fetch }).chat(modelId);
    case 'anthropic':
      return createAnthropic({ apiKey, baseURL: entry.baseURL, headers: entry.headers, fetch })(modelId);
    case 'llama':
      return createLlamaLanguageModel(modelId, entry.llama);
    case 'ollama':
    case 'openai-compatible':
      return createOpenAICompatible({
        name,
        baseURL: requireBaseURL(entry, name),
        apiKey,
        headers: entry.headers,
        fetch,
        includeUsage: true,
      }).chatModel(modelId);
  }
}

export function resolveEmbeddingModel(
  specOrAlias: string,
  options: ResolveModelOptions = {},
): EmbeddingModelV3 {
  const { entry, name, modelId } = lookUp(specOrAlias, options);
  const apiKey = apiKeyOf(entry, options.env ?? process.env);
  const { fetch } = options;
  switch (entry.type) {
    case 'openai':
      return createOpenAI({ apiKey, baseURL: entry.baseURL, headers: entry.headers, fetch }).embedding(
        modelId,
      );
    case 'anthropic':
      throw new GantryError(
        'MODEL_PROVIDER_UNKNOWN',
        `Provider '${name}' (anthropic) has no embedding models.`,
        {
          hint: "Use an OpenAI-compatible embedding endpoint, for example 'ollama:nomic-embed-text'.",
          details: { provider: name },
        },
      );
    case 'llama':
      return createLlamaEmbeddingModel(modelId, entry.llama);
    case 'ollama':
    case 'openai-compatible':
      return createOpenAICompatible({
        name,
        baseURL: requireBaseURL(entry, name),
        apiKey,
        headers: entry.headers,
        fetch,
      }).embeddingModel(modelId);
  }
}

/** The provider entry behind a spec or alias, with built-ins filled in. */
export function lookUp(
  specOrAlias: string,
  options: ResolveModelOptions = {},
): { entry: ProviderEntry; name: string; modelId: string } {
  // Own properties only: a name such as 'constructor' or '__proto__' is not an entry.
  const alias = own(options.config?.models, specOrAlias);
  const { provider, modelId } = parseModelSpec(alias ? alias.model : specOrAlias);
  const configured = own(options.config?.providers, provider);
  const builtIn = own(builtInProviders, provider);
  const entry = configured
    ? { ...(builtIn?.type === configured.type ? builtIn : {}), ...configured }
    : builtIn;
  if (!entry) {
    const known = [...Object.keys(builtInProviders), ...Object.keys(options.config?.providers ?? {})];
    throw new GantryError(
      'MODEL_PROVIDER_UNKNOWN',
      `Unknown model provider '${provider}' in '${specOrAlias}'.`,
      {
        hint: `Use one of ${known.join(', ')}, or add it under "providers" in gantry.config.json with a type and baseURL.`,
        details: { provider, known },
      },
    );
  }
  return { entry, name: provider, modelId };
}

/** 'script:FILE' (directly or behind an alias) and gateway route names: models that need no provider entry. */
function resolveLocalName(specOrAlias: string, options: ResolveModelOptions): LanguageModelV3 | undefined {
  const alias = own(options.config?.models, specOrAlias);
  const spec = alias ? alias.model : specOrAlias;
  const prefix = `${scriptProviderName}:`;
  if (spec.startsWith(prefix) && !own(options.config?.providers, scriptProviderName))
    return loadScriptFileModel(spec.slice(prefix.length));
  if (!alias && isGatewayRoute(specOrAlias, options.config))
    return gatewayRouteModel(specOrAlias, options.config as RouteConfig, options);
  return undefined;
}

function apiKeyOf(entry: ProviderEntry, env: NodeJS.ProcessEnv): string | undefined {
  return entry.apiKey ?? (entry.apiKeyEnv ? env[entry.apiKeyEnv] : undefined);
}

function requireBaseURL(entry: ProviderEntry, name: string): string {
  if (entry.baseURL) return entry.baseURL;
  throw new GantryError('MODEL_PROVIDER_UNKNOWN', `Provider '${name}' needs a baseURL.`, {
    hint: `Add "providers": { "${name}": { "type": "openai-compatible", "baseURL": "http://127.0.0.1:8000/v1" } } to gantry.config.json.`,
    details: { provider: name },
  });
}

function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}
