// Finds, reads and validates the configuration: file (JSON or YAML) + GANTRY_* variables.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { GantryError } from '../errors/index.js';
import { applyOverrides, type EnvOverride, readEnvOverrides } from './env-overrides.js';
import { isSecretKey } from './mask-secrets.js';
import { configSchema, type GantryConfig, type GantryConfigInput } from './schema.js';

export const configFileNames = ['gantry.config.json', 'gantry.config.yaml', 'gantry.config.yml'];

export interface LoadConfigOptions {
  /** An explicit file; otherwise GANTRY_CONFIG, then the first of configFileNames in cwd. */
  file?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Values applied over the file and environment (used by tests and embedding programs). */
  overrides?: GantryConfigInput;
}

export interface LoadedConfig {
  config: GantryConfig;
  /** Absolute path of the file read, or undefined when only defaults and variables applied. */
  file: string | undefined;
}

export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const { cwd = process.cwd(), env = process.env } = options;
  const file = findConfigFile(options.file ?? env.GANTRY_CONFIG, cwd);
  const raw: Record<string, unknown> = file ? readConfigFile(file) : {};
  const envOverrides = readEnvOverrides(env);
  applyOverrides(raw, envOverrides);
  if (options.overrides) deepAssign(raw, options.overrides as Record<string, unknown>);
  return { config: parseConfig(raw, { file, envOverrides }), file };
}

/** Validates an in-memory configuration object (defaults applied). */
export function parseConfig(
  raw: unknown,
  source: { file?: string; envOverrides?: EnvOverride[] } = {},
): GantryConfig {
  const result = configSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeIssue(issue, source.envOverrides ?? []));
  const where = source.file ? `in ${source.file}` : 'in the configuration';
  const lines = problems.map(
    (p) => `  ${p.path || '(root)'}: ${p.message}${p.from ? ` (from ${p.from})` : ''}`,
  );
  throw new GantryError('CONFIG_INVALID', `Invalid configuration ${where}:\n${lines.join('\n')}`, {
    hint: 'Fix the fields above; `gantry config` prints the effective configuration once it is valid.',
    details: { file: source.file, issues: problems },
  });
}

function findConfigFile(explicit: string | undefined, cwd: string): string | undefined {
  if (explicit) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) {
      throw new GantryError('FILE_NOT_FOUND', `Configuration file ${path} does not exist.`, {
        hint: 'Check the --config flag or the GANTRY_CONFIG variable.',
        details: { file: path },
      });
    }
    return path;
  }
  for (const name of configFileNames) {
    const path = resolve(cwd, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

function readConfigFile(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    parsed = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new GantryError('CONFIG_FILE_UNREADABLE', `Cannot parse ${file}: ${(error as Error).message}`, {
      hint: file.endsWith('.json') ? 'The file must be valid JSON.' : 'The file must be valid YAML.',
      details: { file },
      cause: error,
    });
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new GantryError(
      'CONFIG_INVALID',
      `Invalid configuration in ${file}: expected an object at the top level.`,
      {
        details: { file },
      },
    );
  }
  return parsed as Record<string, unknown>;
}

interface ConfigProblem {
  path: string;
  message: string;
  expected?: string;
  found?: string;
  from?: string;
}

function describeIssue(issue: z.core.$ZodIssue, envOverrides: EnvOverride[]): ConfigProblem {
  const path = issue.path.map(String).join('.');
  const from = envOverrides.find((o) => o.path.join('.') === path)?.variable;
  const input = (issue as { input?: unknown }).input;
  const last = issue.path[issue.path.length - 1];
  // A secret's value is never echoed, whatever is wrong with it.
  const found =
    typeof last === 'string' && isSecretKey(last)
      ? 'a value (hidden: it is a secret)'
      : describeValue(input, issue.code === 'unrecognized_keys');
  if (issue.code === 'invalid_type') {
    return {
      path,
      message: `expected ${issue.expected}, found ${found}`,
      expected: issue.expected,
      found,
      from,
    };
  }
  if (issue.code === 'unrecognized_keys') {
    return { path, message: `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`, from };
  }
  return { path, message: `${issue.message}${input === undefined ? '' : `, found ${found}`}`, found, from };
}

function describeValue(value: unknown, skip: boolean): string {
  if (skip) return '';
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function deepAssign(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isPlainObject(value) && isPlainObject(existing)) deepAssign(existing, value);
    else target[key] = value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
