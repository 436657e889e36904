import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GantryError } from '../errors/index.js';
import { loadConfig } from './load-config.js';
import { maskSecrets } from './mask-secrets.js';

const folder = mkdtempSync(join(tmpdir(), 'gantry-config-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

function failure(fn: () => unknown): GantryError {
  try {
    fn();
  } catch (error) {
    if (GantryError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a GantryError');
}

describe('configuration', () => {
  it('applies defaults with no file and no variables', () => {
    const { config, file } = loadConfig({ cwd: folder, env: {} });
    expect(file).toBeUndefined();
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 8080 });
    expect(config.database.path).toBe('.gantry/gantry.db');
    expect(config.models).toEqual({});
  });

  it('reads YAML and lets GANTRY_* variables override it, short and long forms', () => {
    const file = write('g.yaml', 'server:\n  port: 9000\nmodels:\n  llama:\n    model: ollama:llama3.2\n');
    const { config } = loadConfig({
      file,
      env: { GANTRY_HOST: '0.0.0.0', GANTRY_SERVER__BODY_LIMIT_BYTES: '1024', GANTRY_DATABASE: ':memory:' },
    });
    expect(config.server).toMatchObject({ port: 9000, host: '0.0.0.0', bodyLimitBytes: 1024 });
    expect(config.database.path).toBe(':memory:');
    expect(config.models.llama.model).toBe('ollama:llama3.2');
  });

  it('reports each bad field with its path, what was expected and what was found', () => {
    const file = write(
      'bad.json',
      JSON.stringify({ server: { port: 'eighty' }, models: { x: { model: 'no-colon' } }, extra: true }),
    );
    const error = failure(() => loadConfig({ file, env: {} }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(file);
    expect(error.message).toContain('server.port: expected number, found the string "eighty"');
    expect(error.message).toMatch(/models\.x\.model: expected 'provider:model'.*found the string "no-colon"/);
    expect(error.message).toContain("(root): unknown field(s) 'extra'");
    expect(error.details.issues).toContainEqual(
      expect.objectContaining({ path: 'server.port', expected: 'number' }),
    );
  });

  it('checks the in-process simulator options instead of ignoring a misspelt one', () => {
    const upstream = (simulator: unknown) =>
      write(
        'sim.json',
        JSON.stringify({ gateway: { upstreams: { sim: { type: 'simulator', simulator } } } }),
      );
    const error = failure(() => loadConfig({ file: upstream({ tokens: 5 }), env: {} }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain("gateway.upstreams.sim.simulator: unknown field(s) 'tokens'");
    const fault = failure(() => loadConfig({ file: upstream({ faults: { '404': 0.5 } }), env: {} }));
    expect(fault.message).toContain('gateway.upstreams.sim.simulator.faults');
    const { config } = loadConfig({ file: upstream({ outputTokens: 5, faults: { '400': 0.1 } }), env: {} });
    expect(config.gateway.upstreams.sim.simulator).toEqual({ outputTokens: 5, faults: { '400': 0.1 } });
  });

  it('names the variable when a bad value came from the environment', () => {
    const error = failure(() => loadConfig({ cwd: folder, env: { GANTRY_PORT: '"x"' } }));
    expect(error.message).toContain('server.port: expected number, found the string "x" (from GANTRY_PORT)');
  });

  it('reports unparseable files and missing explicit files', () => {
    const broken = write('broken.json', '{"server": {');
    expect(failure(() => loadConfig({ file: broken, env: {} })).code).toBe('CONFIG_FILE_UNREADABLE');
    const missing = failure(() => loadConfig({ file: join(folder, 'nope.json'), env: {} }));
    expect([missing.code, missing.exitCode]).toEqual(['FILE_NOT_FOUND', 1]);
  });

  it('masks secrets but keeps the names of key variables', () => {
    expect(
      maskSecrets({
        providers: { openai: { type: 'openai', apiKey: 'sk-abcdefghijklmnop', apiKeyEnv: 'OPENAI_API_KEY' } },
      }),
    ).toEqual({
      providers: { openai: { type: 'openai', apiKey: '****', apiKeyEnv: 'OPENAI_API_KEY' } },
    });
  });
});
