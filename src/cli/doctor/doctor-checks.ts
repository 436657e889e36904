// The checks behind `gantry doctor`: each one says what it checked, what it found, and what to do.
import { existsSync } from 'node:fs';
import type { GantryConfig } from '../../config/index.js';
import { loadScriptFileModel, lookUp, scriptProviderName } from '../../model/index.js';
import { openStore, probeSqliteCapabilities, redactPostgresUrl } from '../../store/index.js';

export interface CheckResult {
  name: string;
  ok: boolean;
  /** What was found (version, path, status...). */
  detail: string;
  /** What to do about a failure. */
  fix?: string;
}

export function checkNode(version = process.versions.node): CheckResult {
  const major = Number(version.split('.')[0]);
  return major >= 20
    ? { name: 'node', ok: true, detail: `v${version} (Gantry needs 20 or newer)` }
    : { name: 'node', ok: false, detail: `v${version} is too old`, fix: 'Install Node.js 20 or newer.' };
}

export async function checkNativeModules(): Promise<CheckResult> {
  try {
    const { sqliteVersion, vecVersion, fts5 } = probeSqliteCapabilities();
    if (!fts5) {
      return {
        name: 'native modules',
        ok: false,
        detail: `SQLite ${sqliteVersion} lacks FTS5`,
        fix: 'Reinstall with `npm ci`.',
      };
    }
    return {
      name: 'native modules',
      ok: true,
      detail: `better-sqlite3 with SQLite ${sqliteVersion}, sqlite-vec ${vecVersion}, FTS5`,
    };
  } catch (error) {
    return {
      name: 'native modules',
      ok: false,
      detail: (error as Error).message,
      fix: 'Reinstall dependencies with `npm ci` (better-sqlite3 builds with python3, make and g++).',
    };
  }
}

export async function checkDatabase(config: GantryConfig): Promise<CheckResult> {
  const { path, url } = config.database;
  try {
    const store = await openStore(config.database);
    await store.checkWritable();
    await store.close();
    const where = url ? `Postgres at ${redactPostgresUrl(url)}` : path;
    return { name: 'database', ok: true, detail: `${where} is writable, migrations applied` };
  } catch (error) {
    return {
      name: 'database',
      ok: false,
      detail: (error as Error).message,
      fix: url
        ? 'Check that the Postgres server in database.url (GANTRY_DATABASE_URL) is running and the login is right.'
        : 'Set database.path (or GANTRY_DATABASE) to a writable location.',
    };
  }
}

/**
 * One check per provider that a configured model uses, and one per gateway upstream: its model list
 * endpoint (or the upstream's health-check path) must answer.
 */
export async function checkBackends(config: GantryConfig, timeoutMs = 3000): Promise<CheckResult[]> {
  const byProvider = new Map<string, string[]>();
  const scripts: CheckResult[] = [];
  for (const [alias, entry] of Object.entries(config.models)) {
    const provider = entry.model.slice(0, entry.model.indexOf(':'));
    if (provider === scriptProviderName && !Object.hasOwn(config.providers, provider)) {
      scripts.push(checkScript(alias, entry.model.slice(provider.length + 1)));
      continue;
    }
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), alias]);
  }
  const upstreams = Object.entries(config.gateway.upstreams);
  if (byProvider.size === 0 && upstreams.length === 0 && scripts.length === 0) {
    return [
      {
        name: 'backends',
        ok: true,
        detail: 'none configured (add "models" or "gateway.upstreams" to gantry.config.json to use one)',
      },
    ];
  }
  const providerChecks = [...byProvider].map(async ([provider, aliases]): Promise<CheckResult> => {
    const name = `backend ${provider}`;
    let entry: ReturnType<typeof lookUp>['entry'];
    try {
      entry = lookUp(`${provider}:probe`, { config }).entry;
    } catch (error) {
      return {
        name,
        ok: false,
        detail: (error as Error).message,
        fix: 'Fix "providers" or "models" in the configuration.',
      };
    }
    if (entry.type === 'llama')
      return {
        name,
        ok: true,
        detail: `local GGUF models (${aliases.join(', ')}), loaded in process on first use`,
      };
    const key = entry.apiKey ?? (entry.apiKeyEnv ? process.env[entry.apiKeyEnv] : undefined);
    if ((entry.type === 'openai' || entry.type === 'anthropic') && !key) {
      return {
        name,
        ok: false,
        detail: `no API key for ${aliases.join(', ')}`,
        fix: `Set ${entry.apiKeyEnv ?? 'apiKey'}.`,
      };
    }
    return probe({
      name,
      baseURL:
        entry.baseURL ??
        (entry.type === 'anthropic' ? 'https://api.anthropic.com/v1' : 'https://api.openai.com/v1'),
      path: '/models',
      anthropic: entry.type === 'anthropic',
      key,
      headers: entry.headers,
      what: `models: ${aliases.join(', ')}`,
      fix: `Start the backend, or fix providers.${provider}.baseURL in the configuration.`,
      timeoutMs,
    });
  });
  const upstreamChecks = upstreams.map(async ([upstream, entry]): Promise<CheckResult> => {
    const name = `upstream ${upstream}`;
    if (entry.type === 'simulator') return { name, ok: true, detail: 'the in-process backend simulator' };
    if (entry.type === 'llama') {
      const model = entry.llama?.model ?? '';
      const ok = model.startsWith('hf:') || existsSync(model);
      return {
        name,
        ok,
        detail: ok ? `local GGUF ${model}` : `the GGUF file '${model}' does not exist`,
        ...(ok ? {} : { fix: `Fix gateway.upstreams.${upstream}.llama.model (a .gguf path or an hf: URI).` }),
      };
    }
    if (!entry.baseURL) {
      return {
        name,
        ok: false,
        detail: 'no baseURL',
        fix: `Set gateway.upstreams.${upstream}.baseURL in the configuration.`,
      };
    }
    return probe({
      name,
      baseURL: entry.baseURL,
      path: entry.healthCheck?.path ?? '/models',
      anthropic: entry.type === 'anthropic',
      key: entry.apiKey ?? (entry.apiKeyEnv ? process.env[entry.apiKeyEnv] : undefined),
      headers: entry.headers,
      what: 'gateway upstream',
      fix: `Start the backend, or fix gateway.upstreams.${upstream}.baseURL in the configuration.`,
      timeoutMs,
    });
  });
  return [...scripts, ...(await Promise.all([...providerChecks, ...upstreamChecks]))];
}

interface ProbeTarget {
  name: string;
  baseURL: string;
  path: string;
  anthropic: boolean;
  key: string | undefined;
  headers: Record<string, string> | undefined;
  what: string;
  fix: string;
  timeoutMs: number;
}

async function probe(target: ProbeTarget): Promise<CheckResult> {
  const { name, baseURL, key } = target;
  const headers: Record<string, string> = { ...target.headers };
  if (key && target.anthropic)
    Object.assign(headers, { 'x-api-key': key, 'anthropic-version': '2023-06-01' });
  else if (key) headers.authorization = `Bearer ${key}`;
  const url = `${baseURL.replace(/\/$/, '')}${target.path}`;
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(target.timeoutMs) });
    await response.body?.cancel();
    return response.ok
      ? { name, ok: true, detail: `${baseURL} answered ${response.status} (${target.what})` }
      : {
          name,
          ok: false,
          detail: `${url} answered ${response.status}`,
          fix: 'Check the URL and the API key.',
        };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const reason = `${(error as Error).message}${cause ? ` (${cause})` : ''}`;
    return { name, ok: false, detail: `${baseURL} unreachable: ${reason}`, fix: target.fix };
  }
}

/** A 'script:FILE' model needs no backend: its file must exist and hold valid turns. */
function checkScript(alias: string, file: string): CheckResult {
  const name = `model ${alias}`;
  try {
    loadScriptFileModel(file);
    return { name, ok: true, detail: `scripted model from ${file}` };
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message, fix: 'Fix the script file or the alias.' };
  }
}
