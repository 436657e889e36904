// Which tools and models an /api agent run may use: the operator's list (security.apiTools), narrowed
// per tenant (security.tenants.<tenant>.tools) and, for models, by the key's own `models` list. A
// request may ask for fewer, never more.
import { builtInToolNames } from '../../agent/index.js';
import type { GantryConfig } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';
import type { Principal } from './principal.js';

/** The tools this principal's agent runs may be given. */
export function apiToolsFor(config: GantryConfig, principal: Principal): string[] {
  const { apiTools, tenants } = config.security;
  const narrowed = Object.hasOwn(tenants, principal.tenant) ? tenants[principal.tenant].tools : undefined;
  return narrowed ? apiTools.filter((name) => narrowed.includes(name)) : [...apiTools];
}

/** Throws AUTH_TOOL_FORBIDDEN (403) for a known tool outside the principal's list. */
export function checkApiTools(
  config: GantryConfig,
  principal: Principal,
  requested: readonly string[],
): void {
  const allowed = apiToolsFor(config, principal);
  // An unknown name is left to the agent's own AGENT_TOOL_UNKNOWN (400), which lists the known ones.
  const known = (name: string) =>
    (builtInToolNames as readonly string[]).includes(name) ||
    (name.startsWith('mcp:') && config.agent.mcpServers.some((server) => `mcp:${server.name}` === name));
  const refused = requested.filter((name) => known(name) && !allowed.includes(name));
  if (refused.length === 0) return;
  throw new GantryError(
    'AUTH_TOOL_FORBIDDEN',
    `Agent runs of this key may not use ${refused.length === 1 ? 'the tool' : 'the tools'} ${refused.join(', ')}.`,
    {
      hint: `Tools allowed for tenant '${principal.tenant}': ${allowed.join(', ') || '(none)'}. The operator sets them in security.apiTools and security.tenants.<tenant>.tools.`,
      details: { refused, allowed },
    },
  );
}

/** Throws GATEWAY_MODEL_FORBIDDEN (403) when the key's `models` list does not name the model. */
export function checkApiModel(principal: Principal, model: string | undefined): void {
  if (principal.models === null || model === undefined || principal.models.includes(model)) return;
  throw new GantryError(
    'GATEWAY_MODEL_FORBIDDEN',
    `This API key may not use the model '${model.slice(0, 100)}'.`,
    {
      hint: `Models of this key: ${principal.models.join(', ') || '(none)'}.`,
      details: { model: model.slice(0, 100) },
    },
  );
}
