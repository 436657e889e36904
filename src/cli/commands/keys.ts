// `gantry keys`: create (the key is printed once), list, revoke, and read usage of gateway API keys.
import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import { createKeyService } from '../../gateway/index.js';
import type { GatewayKeyLimits, GatewayKeyRecord } from '../../store/index.js';
import type { CliContext } from '../cli-context.js';

interface CreateOptions {
  name: string;
  rpm?: string;
  tpm?: string;
  concurrent?: string;
  dailyBudget?: string;
  totalBudget?: string;
  models?: string;
  scopes?: string;
  tenant?: string;
  json?: boolean;
}

export function define(command: Command, context: CliContext): void {
  const service = async () => {
    const store = await context.store();
    return createKeyService(store.gatewayKeys, { grants: store.gatewayKeyGrants });
  };
  command
    .command('create')
    .description('Create a key; it is printed once and only its hash is stored')
    .requiredOption('--name <name>', 'a name to recognise the key by')
    .option('--rpm <n>', 'requests per minute')
    .option('--tpm <n>', 'tokens per minute')
    .option('--concurrent <n>', 'concurrent requests')
    .option('--daily-budget <usd>', 'spend per UTC day, in US dollars')
    .option('--total-budget <usd>', 'total spend, in US dollars')
    .option('--models <aliases>', 'comma-separated models the key may use (default: all)')
    .option(
      '--scopes <scopes>',
      'comma-separated: gateway, agents, rag, memory, eval, admin (default: gateway)',
    )
    .option('--tenant <tenant>', "whose runs and collections the key sees (default: 'default')")
    .option('--json', 'print JSON')
    .action(async (options: CreateOptions) => {
      const limits: GatewayKeyLimits = {};
      const set = (
        field: keyof GatewayKeyLimits,
        flag: string,
        value: string | undefined,
        integer: boolean,
      ) => {
        if (value === undefined) return;
        const n = Number(value);
        if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
          throw new GantryError(
            'USAGE_INVALID',
            `${flag} must be a ${integer ? 'whole ' : ''}non-negative number, got '${value}'.`,
          );
        }
        limits[field] = n;
      };
      set('requestsPerMinute', '--rpm', options.rpm, false);
      set('tokensPerMinute', '--tpm', options.tpm, false);
      set('concurrentRequests', '--concurrent', options.concurrent, true);
      set('dailyBudgetUsd', '--daily-budget', options.dailyBudget, false);
      set('totalBudgetUsd', '--total-budget', options.totalBudget, false);
      const models = options.models
        ? options.models
            .split(',')
            .map((m) => m.trim())
            .filter(Boolean)
        : null;
      const { key, record } = await (await service()).create({
        name: options.name,
        limits,
        models,
        scopes: options.scopes
          ?.split(',')
          .map((scope) => scope.trim())
          .filter(Boolean),
        tenant: options.tenant,
      });
      if (options.json) {
        context.stdout.write(`${JSON.stringify({ ...publicKey(record), key }, null, 2)}\n`);
        return;
      }
      context.stdout.write(
        `Created ${record.id} (${record.name}).\n\n  ${key}\n\nStore it now: it is not shown again.\n`,
      );
    });

  command
    .command('list')
    .description('List keys (never the keys themselves)')
    .option('--all', 'include revoked keys')
    .option('--json', 'print JSON')
    .action(async (options: { all?: boolean; json?: boolean }) => {
      const keys = await (await service()).list({ includeRevoked: options.all === true });
      if (options.json) {
        context.stdout.write(`${JSON.stringify(keys.map(publicKey), null, 2)}\n`);
        return;
      }
      if (keys.length === 0) {
        context.stdout.write('No keys. Create one with `gantry keys create --name <name>`.\n');
        return;
      }
      for (const k of keys) {
        const when = new Date(k.createdAt).toISOString().slice(0, 19).replace('T', ' ');
        const state = k.revokedAt ? 'revoked' : 'active ';
        context.stdout.write(
          `${k.id}  ${k.keyPrefix}…  ${state}  ${when}  ${k.name}  ${describeLimits(k.limits)}\n`,
        );
      }
    });

  command
    .command('revoke <id>')
    .description('Revoke a key (running gateways stop accepting it within seconds)')
    .action(async (id: string) => {
      await (await service()).revoke(id);
      context.stdout.write(`Revoked ${id}.\n`);
    });

  command
    .command('usage <id>')
    .description("A key's recorded requests, tokens and spend")
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const record = await (await context.store()).gatewayKeys.getKey(id);
      if (!record)
        throw new GantryError('NOT_FOUND', `No API key with id ${id}.`, {
          hint: 'List keys with gantry keys list.',
        });
      const totals = await (await context.store()).gatewayUsage.totalsForKey(id);
      if (options.json) {
        context.stdout.write(`${JSON.stringify({ id, ...totals }, null, 2)}\n`);
        return;
      }
      context.stdout.write(
        `${id} (${record.name}): ${totals.requests} requests, ${totals.inputTokens} input (${totals.cachedTokens} cache read, ${totals.cacheWriteTokens} cache write) + ${totals.outputTokens} output tokens, $${totals.costUsd.toFixed(4)}\n`,
      );
    });
}

function publicKey(record: GatewayKeyRecord) {
  const { keyHash: _hash, ...rest } = record;
  return rest;
}

function describeLimits(limits: GatewayKeyLimits): string {
  const parts: string[] = [];
  if (limits.requestsPerMinute !== undefined) parts.push(`${limits.requestsPerMinute} rpm`);
  if (limits.tokensPerMinute !== undefined) parts.push(`${limits.tokensPerMinute} tpm`);
  if (limits.concurrentRequests !== undefined) parts.push(`${limits.concurrentRequests} concurrent`);
  if (limits.dailyBudgetUsd !== undefined) parts.push(`$${limits.dailyBudgetUsd}/day`);
  if (limits.totalBudgetUsd !== undefined) parts.push(`$${limits.totalBudgetUsd} total`);
  return parts.length ? `(${parts.join(', ')})` : '(default limits)';
}
