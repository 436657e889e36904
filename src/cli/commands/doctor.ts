import type { Command } from 'commander';
import pc from 'picocolors';
import type { CliContext } from '../cli-context.js';
import {
  type CheckResult,
  checkBackends,
  checkDatabase,
  checkNativeModules,
  checkNode,
} from '../doctor/doctor-checks.js';

export function define(command: Command, context: CliContext): void {
  command.option('--json', 'print the results as JSON').action(async (options: { json?: boolean }) => {
    const results: CheckResult[] = [checkNode(), await checkNativeModules()];
    let config: ReturnType<CliContext['config']>['config'] | undefined;
    try {
      config = context.config().config;
      results.push({
        name: 'configuration',
        ok: true,
        detail: context.config().file ?? 'defaults (no gantry.config.* file)',
      });
    } catch (error) {
      results.push({
        name: 'configuration',
        ok: false,
        detail: (error as Error).message,
        fix: 'Fix the file; see docs/configuration.md.',
      });
    }
    if (config) results.push(await checkDatabase(config), ...(await checkBackends(config)));

    if (options.json) context.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else {
      for (const r of results) {
        const mark = r.ok ? pc.green('ok  ') : pc.red('FAIL');
        context.stdout.write(`${mark} ${r.name.padEnd(16)} ${r.detail}\n`);
        if (!r.ok && r.fix) context.stdout.write(`     ${''.padEnd(16)} → ${r.fix}\n`);
      }
    }
    const failed = results.filter((r) => !r.ok).length;
    if (!options.json)
      context.stdout.write(
        failed ? pc.red(`\n${failed} check(s) failed\n`) : pc.green('\nall checks passed\n'),
      );
    if (failed) process.exitCode = 1;
  });
}
