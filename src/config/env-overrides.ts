// GANTRY_* environment variables that override the configuration file.
//   GANTRY_PORT, GANTRY_HOST, GANTRY_DATABASE, GANTRY_DATABASE_URL, GANTRY_OTLP_ENDPOINT: short forms for common settings;
//   GANTRY_<SECTION>__<KEY>[__<KEY>...]: any field, for example GANTRY_SERVER__BODY_LIMIT_BYTES=1048576.
// A value that parses as JSON (numbers, booleans, arrays) is taken as such, otherwise as a string;
// a secret field (…Key, …Token, …Password) is always a string, so that an all-digit secret is neither
// refused as a number nor printed in the error.
import { isSecretKey } from './mask-secrets.js';

const shortForms: Record<string, string[]> = {
  GANTRY_PORT: ['server', 'port'],
  GANTRY_HOST: ['server', 'host'],
  GANTRY_DATABASE: ['database', 'path'],
  GANTRY_DATABASE_URL: ['database', 'url'],
  GANTRY_OTLP_ENDPOINT: ['tracing', 'otlpEndpoint'],
};

/** Variables that are not configuration fields (read elsewhere). */
const reserved = new Set(['GANTRY_CONFIG', 'GANTRY_LOG_LEVEL']);

export interface EnvOverride {
  variable: string;
  path: string[];
  value: unknown;
}

export function readEnvOverrides(env: NodeJS.ProcessEnv): EnvOverride[] {
  const overrides: EnvOverride[] = [];
  for (const [variable, raw] of Object.entries(env)) {
    if (!variable.startsWith('GANTRY_') || raw === undefined || reserved.has(variable)) continue;
    const path = shortForms[variable] ?? longFormPath(variable);
    if (!path) continue;
    overrides.push({ variable, path, value: isSecretKey(path[path.length - 1]) ? raw : parseValue(raw) });
  }
  return overrides;
}

export function applyOverrides(target: Record<string, unknown>, overrides: EnvOverride[]): void {
  for (const { path, value } of overrides) {
    let node = target;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
}

function longFormPath(variable: string): string[] | undefined {
  const rest = variable.slice('GANTRY_'.length);
  if (!rest.includes('__')) return undefined;
  return rest.split('__').map(snakeToCamel);
}

function snakeToCamel(part: string): string {
  return part.toLowerCase().replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
