import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import { assembleContext, conversationTurns, createMemory, type MemoryScope } from '../../memory/index.js';
import type { CliContext } from '../cli-context.js';
import { memoryOptionsFromConfig } from './memory-options.js';

interface ScopeFlags {
  user: string;
  tenant?: string;
  json?: boolean;
}

const scopeOf = (flags: ScopeFlags): MemoryScope => ({
  user: flags.user,
  ...(flags.tenant ? { tenant: flags.tenant } : {}),
});

export function define(command: Command, context: CliContext): void {
  // Configuration is read first, so a bad `memory` section is reported before the store opens.
  const memory = async () => {
    const { config } = context.config();
    return createMemory(memoryOptionsFromConfig(config, await context.store()));
  };
  const print = (flags: ScopeFlags, value: unknown, human: string) =>
    context.stdout.write(flags.json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);

  command
    .command('ingest')
    .description("Store a conversation (JSON: sessions with dated turns) in a user's memory")
    .argument('<file>', 'conversation JSON file (see docs/memory.md)')
    .requiredOption('--user <id>', 'whose memory')
    .option('--tenant <id>', 'tenant (default: default)')
    .option('--no-summaries', 'skip the per-session summaries')
    .option('--json', 'print JSON')
    .action(async (file: string, flags: ScopeFlags & { summaries?: boolean }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw new GantryError(
          'MEMORY_INPUT_INVALID',
          `Cannot read ${file} as JSON: ${(error as Error).message}`,
          {
            hint: 'Pass a conversation JSON file (see docs/memory.md).',
          },
        );
      }
      const turns = conversationTurns(parsed, file);
      const target = await memory();
      const { episodes, facts } = await target.addTurns(scopeOf(flags), turns);
      const sessions = [...new Set(episodes.map((episode) => episode.session))];
      if (flags.summaries !== false)
        for (const session of sessions) await target.endSession(scopeOf(flags), session);
      const added = facts.filter((change) => change.action !== 'duplicate').length;
      print(
        flags,
        { turns: episodes.length, sessions: sessions.length, facts: added },
        `Stored ${episodes.length} turns in ${sessions.length} sessions (${added} facts) for user ${flags.user}.`,
      );
    });

  command
    .command('recall')
    .description('The memories of a user that best answer a question')
    .argument('<question>', 'what to recall; may say "last week", "in May 2024", "before I moved"')
    .requiredOption('--user <id>', 'whose memory')
    .option('--tenant <id>', 'tenant (default: default)')
    .option('-k, --k <n>', 'how many items', '10')
    .option('--kind <kinds>', 'comma-separated: episode,fact,summary')
    .option('--context', 'print the context assembled under memory.context.budgetTokens instead')
    .option('--json', 'print JSON')
    .action(async (question: string, flags: ScopeFlags & { k: string; kind?: string; context?: boolean }) => {
      const k = Number(flags.k);
      const kinds = flags.kind?.split(',').map((kind) => kind.trim()) as
        | ('episode' | 'fact' | 'summary')[]
        | undefined;
      if (flags.context) {
        const settings = context.config().config.memory.context;
        const assembled = await assembleContext(await memory(), {
          scope: scopeOf(flags),
          query: question,
          budgetTokens: settings.budgetTokens,
          model: settings.tokenizerModel,
          recall: { k, kinds },
        });
        const human = [
          `${assembled.tokens} of ${assembled.budgetTokens} tokens; kept ${assembled.kept.length}, dropped ${assembled.dropped.length}`,
          assembled.system,
          ...assembled.messages.map((message) => `${message.role}: ${message.text}`),
        ].join('\n');
        print(flags, assembled, human);
        return;
      }
      const items = await (await memory()).recall(scopeOf(flags), question, { k, kinds });
      const lines = items.map(
        (item) =>
          `${item.score.toFixed(3)}  ${new Date(item.at).toISOString().slice(0, 10)}  ${item.kind === 'episode' ? item.session : item.kind}  ${item.id}  ${item.speaker}: ${item.text.length > 120 ? `${item.text.slice(0, 117)}...` : item.text}`,
      );
      print(flags, items, lines.length ? lines.join('\n') : `No memories of user ${flags.user} match.`);
    });

  command
    .command('forget')
    .description('Forget items by id, or (without --id) erase everything about a user')
    .requiredOption('--user <id>', 'whose memory')
    .option('--tenant <id>', 'tenant (default: default)')
    .option('--id <ids...>', 'item ids to forget (from recall)')
    .option('--json', 'print JSON')
    .action(async (flags: ScopeFlags & { id?: string[] }) => {
      const target = await memory();
      if (flags.id?.length) {
        const forgotten = await target.forget(scopeOf(flags), flags.id);
        print(flags, { forgotten }, `Forgot ${forgotten.length} of ${flags.id.length} items.`);
        return;
      }
      const erased = await target.eraseUser(scopeOf(flags));
      const total = Object.values(erased).reduce((sum, count) => sum + count, 0);
      print(
        flags,
        { erased },
        `Erased ${total} rows about user ${flags.user} (${Object.entries(erased)
          .map(([table, count]) => `${table} ${count}`)
          .join(', ')}).`,
      );
    });
}
