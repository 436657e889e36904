import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import { resolveModel } from '../../model/index.js';
import {
  answerQuestion,
  configuredReranker,
  openConfiguredCollection,
  type SearchMode,
} from '../../rag/index.js';
import type { CliContext } from '../cli-context.js';

export function define(command: Command, context: CliContext): void {
  command
    .argument('<question>', 'the question')
    .option('--collection <name>', 'collection (default: rag.collection)')
    .option('--model <spec>', "answering model (default: rag.answer.model), 'provider:model' or alias")
    .option('--mode <mode>', 'retrieval mode: bm25 | vector | hybrid')
    .option('--json', 'print JSON')
    .action(
      async (
        question: string,
        flags: { collection?: string; model?: string; mode?: SearchMode; json?: boolean },
      ) => {
        const config = context.config().config;
        const spec = flags.model ?? config.rag.answer.model;
        if (!spec) {
          throw new GantryError('USAGE_INVALID', 'No answering model is configured.', {
            hint: "Pass --model provider:model or set rag.answer.model, for example 'ollama:llama3.2'.",
          });
        }
        const collection = await openConfiguredCollection({
          store: context.store(),
          config,
          name: flags.collection,
          mustExist: true,
        });
        const result = await answerQuestion(question, {
          collection,
          model: resolveModel(spec, { config }),
          sources: config.rag.answer.sources,
          minimumSimilarity: config.rag.answer.minimumSimilarity,
          minimumBm25: config.rag.answer.minimumBm25,
          search: {
            mode: flags.mode ?? collection.defaultMode(config.rag.search.mode),
            rerank: configuredReranker(config),
            rerankCandidates: config.rag.reranker.candidates,
          },
        });
        if (flags.json) {
          context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        context.stdout.write(`${result.answer}\n`);
        if (result.citations.length > 0) {
          context.stdout.write('\nSources:\n');
          for (const citation of result.citations)
            context.stdout.write(`  [${citation.number}] ${citation.source}\n`);
        }
        if (result.invalidCitations.length > 0) {
          context.stdout.write(
            `\nWarning: the answer cites sources that were not given: ${result.invalidCitations.join(', ')}\n`,
          );
        }
      },
    );
}
