// `gantry db status|migrate|export|import`: the configured database's schema version and contents, and
// moving it between SQLite and Postgres (verified table by table by row counts and checksums).
import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import {
  appliedMigrations,
  type CopyableStore,
  type CopyReport,
  copyStore,
  describeStore,
  isPostgresUrl,
  openPostgresStore,
  openSqliteStore,
} from '../../store/index.js';
import type { CliContext } from '../cli-context.js';

interface TransferFlags {
  schema?: string;
  force?: boolean;
  json?: boolean;
}

async function openOther(location: string, schema?: string): Promise<CopyableStore> {
  if (isPostgresUrl(location)) return openPostgresStore({ url: location, schema });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new GantryError('USAGE_INVALID', `${location.split('://')[0]}:// databases are not supported.`, {
      hint: 'Give a postgres:// URL or a SQLite file path.',
    });
  }
  return openSqliteStore({ path: location });
}

function describeLocation(store: CopyableStore): string {
  return store.kind === 'postgres' ? `Postgres ${store.location}` : `SQLite ${store.location}`;
}

export function define(command: Command, context: CliContext): void {
  const configured = async () => (await context.store()) as CopyableStore;
  const printReport = (report: CopyReport, json: boolean | undefined, heading: string) => {
    if (json) {
      context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    context.stdout.write(`${heading}\n`);
    for (const t of [...report.tables, ...report.vectors]) {
      context.stdout.write(
        `  ${t.table.padEnd(28)} ${String(t.rows).padStart(9)} rows  checksum ${t.checksum}\n`,
      );
    }
  };

  command
    .command('status')
    .description('Print the backend, the schema version and every table with its row count and checksum')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const store = await configured();
      const migrations = await appliedMigrations(store);
      const report = await describeStore(store);
      if (flags.json) {
        context.stdout.write(
          `${JSON.stringify({ backend: store.kind, location: store.location, migrations, ...report }, null, 2)}\n`,
        );
        return;
      }
      const latest = migrations.at(-1);
      printReport(
        report,
        false,
        `${describeLocation(store)}: ${migrations.length} migrations applied (latest ${latest?.id} ${latest?.name})`,
      );
    });

  command
    .command('migrate')
    .description('Apply pending schema migrations (opening the database does; this reports them)')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const started = new Date().toISOString();
      const store = await configured();
      const migrations = await appliedMigrations(store);
      const applied = migrations.filter((m) => m.appliedAt >= started);
      if (flags.json) {
        context.stdout.write(`${JSON.stringify({ applied, total: migrations.length }, null, 2)}\n`);
        return;
      }
      context.stdout.write(
        applied.length === 0
          ? `${describeLocation(store)} is up to date (${migrations.length} migrations).\n`
          : `${describeLocation(store)}: applied ${applied.map((m) => `${m.id} (${m.name})`).join(', ')}.\n`,
      );
    });

  const transfer = (direction: 'export' | 'import') => async (location: string, flags: TransferFlags) => {
    const store = await configured();
    const other = await openOther(location, flags.schema);
    try {
      const [source, target] = direction === 'export' ? [store, other] : [other, store];
      const report = await copyStore(source, target, { replace: flags.force === true });
      printReport(
        report,
        flags.json,
        `Copied ${describeLocation(source)} into ${describeLocation(target)}; every table verified (rows and checksum):`,
      );
    } finally {
      await other.close();
    }
  };

  command
    .command('export')
    .description('Copy the configured database into another (a postgres:// URL or a SQLite file)')
    .argument('<target>', 'postgres://user:password@host/db, or a SQLite file path')
    .option('--schema <name>', 'Postgres target: the schema to create the tables in')
    .option('--force', 'replace the rows the target already holds')
    .option('--json', 'print JSON')
    .action(transfer('export'));

  command
    .command('import')
    .description('Copy another database (a postgres:// URL or a SQLite file) into the configured one')
    .argument('<source>', 'postgres://user:password@host/db, or a SQLite file path')
    .option('--schema <name>', 'Postgres source: the schema its tables are in')
    .option('--force', 'replace the rows the configured database already holds')
    .option('--json', 'print JSON')
    .action(transfer('import'));
}
