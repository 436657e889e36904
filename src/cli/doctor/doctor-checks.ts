// The checks behind `gantry doctor`: each one says what it checked, what it found, and what to do.
import type { GantryConfig } from '../../config/index.js';
import { lookUp } from '../../model/index.js';
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

/** One check per provider that a configured model uses: its model list endpoint must answer. */
export async function checkBackends(config: GantryConfig, timeoutMs = 3000): Promise<CheckResult[]> {
  const byProvider = new Map<string, string[]>();
  for (const [alias, entry] of Object.entries(config.models)) {
    const provider = entry.model.slice(0, entry.model.indexOf(':'));
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), alias]);
  }
  if (byProvider.size === 0) {
    return [
      {
        name: 'backends',
        ok: true,
        detail: 'none configured (add "models" to gantry.config.json to use one)',
      },
    ];
  }
  return Promise.all(
    [...byProvider].map(async ([provider, aliases]) => {
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
      const baseURL =
        entry.baseURL ??
        (entry.type === 'anthropic' ? 'https://api.anthropic.com/v1' : 'https://api.openai.com/v1');
      try {
        const key = entry.apiKey ?? (entry.apiKeyEnv ? process.env[entry.apiKeyEnv] : undefined);
        if ((entry.type === 'openai' || entry.type === 'anthropic') && !key) {
          return {
            name,
            ok: false,
            detail: `no API key for ${aliases.join(', ')}`,
            fix: `Set ${entry.apiKeyEnv ?? 'apiKey'}.`,
          };
        }
        const headers: Record<string, string> = { ...entry.headers };
        if (key && entry.type === 'anthropic')
          Object.assign(headers, { 'x-api-key': key, 'anthropic-version': '2023-06-01' });
        else if (key) headers.authorization = `Bearer ${key}`;
        const response = await fetch(`${baseURL.replace(/\/$/, '')}/models`, {
          headers,
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.body?.cancel();
        return response.ok
          ? {
              name,
              ok: true,
              detail: `${baseURL} answered ${response.status} (models: ${aliases.join(', ')})`,
            }
          : {
              name,
              ok: false,
              detail: `${baseURL}/models answered ${response.status}`,
              fix: 'Check the URL and the API key.',
            };
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        const reason = `${(error as Error).message}${cause ? ` (${cause})` : ''}`;
        return {
          name,
          ok: false,
          detail: `${baseURL} unreachable: ${reason}`,
          fix: `Start the backend, or fix providers.${provider}.baseURL in the configuration.`,
        };
      }
    }),
  );
}
