// What commands share: the configuration (loaded on first use), the store, and output helpers.
import { demoModelConfig, type LoadedConfig, loadConfig, wantsDemoModel } from '../config/index.js';
import { applyConfiguredPrices } from '../model/index.js';
import { openStore, type Store } from '../store/index.js';

export interface CliContext {
  /** The --config flag's value, if given. */
  configFile: string | undefined;
  config(): LoadedConfig;
  /** The configured store (SQLite, or Postgres when database.url is set), opened on first use. */
  store(): Promise<Store>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Closes what was opened (the store); called once the command finishes. */
  dispose(): Promise<void>;
}

export function createCliContext(options: { configFile?: string } = {}): CliContext {
  let loaded: LoadedConfig | undefined;
  let store: Promise<Store> | undefined;
  const context: CliContext = {
    configFile: options.configFile,
    config() {
      if (!loaded) {
        loaded = loadConfig({ file: context.configFile });
        // Nothing configured (or "demo": true): the `demo` model, a simulator, so there is something to try.
        if (wantsDemoModel(loaded.config))
          loaded = loadConfig({ file: context.configFile, overrides: demoModelConfig });
        applyConfiguredPrices(loaded.config.models);
      }
      return loaded;
    },
    store() {
      store ??= openStore(context.config().config.database);
      return store;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    async dispose() {
      const opened = store;
      store = undefined;
      if (opened) await (await opened.catch(() => undefined))?.close();
    },
  };
  return context;
}
