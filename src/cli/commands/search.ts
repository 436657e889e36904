import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import { resolveModel } from '../../model/index.js';
import {
  configuredReranker,
  hydeSearch,
  multiQuerySearch,
  openConfiguredCollection,
  type SearchHit,
  type SearchMode,
} from '../../rag/index.js';
import type { CliContext } from '../cli-context.js';

interface SearchFlags {
  collection?: string;
  mode?: SearchMode;
  limit?: string;
  fusion?: 'rrf' | 'convex';
  weight?: string;
  filter?: string[];
  mmr?: string;
  rerank?: boolean;
  transform?: string;
  model?: string;
  json?: boolean;
}

export function define(command: Command, context: CliContext): void {
  command
    .argument('<query>', 'what to search for')
    .option('--collection <name>', 'collection (default: rag.collection)')
    .option('--mode <mode>', 'bm25 | vector | hybrid')
    .option('-n, --limit <n>', 'number of results')
    .option('--fusion <fusion>', 'hybrid fusion: rrf | convex')
    .option('--weight <w>', 'convex fusion: weight of the vector list, 0..1')
    .option('--filter <key=value...>', 'metadata equality filters')
    .option('--mmr <lambda>', 'diversify with MMR (1 = relevance only)')
    .option('--no-rerank', 'skip the configured reranker (rag.reranker)')
    .option('--transform <name>', 'query transform needing a model: multi-query | hyde')
    .option('--model <spec>', 'model for --transform (default: rag.answer.model)')
    .option('--json', 'print JSON')
    .action(async (query: string, flags: SearchFlags) => {
      const config = context.config().config;
      const collection = await openConfiguredCollection({
        store: context.store(),
        config,
        name: flags.collection,
        mustExist: true,
      });
      const options = {
        mode: flags.mode ?? collection.defaultMode(config.rag.search.mode),
        limit: flags.limit ? Number(flags.limit) : config.rag.search.limit,
        fusion: flags.fusion ?? config.rag.search.fusion,
        weight: flags.weight ? Number(flags.weight) : config.rag.search.weight,
        filter: parseFilters(flags.filter),
        mmr: flags.mmr ? { lambda: Number(flags.mmr) } : undefined,
        rerank: flags.rerank === false ? undefined : configuredReranker(config),
        rerankCandidates: config.rag.reranker.candidates,
      };
      let hits: Awaited<ReturnType<typeof collection.search>>;
      if (flags.transform === undefined) hits = await collection.search(query, options);
      else {
        if (flags.transform !== 'multi-query' && flags.transform !== 'hyde') {
          throw new GantryError('USAGE_INVALID', `Unknown transform '${flags.transform}'.`, {
            hint: 'Use --transform multi-query or --transform hyde.',
          });
        }
        const spec = flags.model ?? config.rag.answer.model;
        if (!spec) {
          throw new GantryError('USAGE_INVALID', `--transform ${flags.transform} needs a model.`, {
            hint: 'Pass --model provider:model or set rag.answer.model.',
          });
        }
        const model = resolveModel(spec, { config });
        hits =
          flags.transform === 'hyde'
            ? await hydeSearch(collection, query, { ...options, model })
            : await multiQuerySearch(collection, query, { ...options, model });
      }
      if (flags.json) {
        context.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
        return;
      }
      if (hits.length === 0) context.stdout.write('No results.\n');
      hits.forEach((hit, index) => {
        const where = [
          hit.source,
          hit.metadata.page ? `page ${hit.metadata.page}` : '',
          ...((hit.metadata.headingPath as string[]) ?? []),
        ]
          .filter(Boolean)
          .join(' › ');
        const preview = hit.text.replace(/\s+/g, ' ').slice(0, 200);
        context.stdout.write(
          `${String(index + 1).padStart(2)}. ${evidence(hit)}  ${where}\n    ${preview}\n`,
        );
      });
    });
}

/**
 * The scores a reader can interpret: BM25, cosine similarity, the reranker's. A fused (RRF) score only
 * orders the list (0.0325 means nothing on its own), so it is shown only when nothing else is known.
 */
function evidence(hit: SearchHit): string {
  const parts = [
    hit.rerankScore !== undefined ? `rerank ${hit.rerankScore.toFixed(3)}` : '',
    hit.bm25Score !== undefined ? `bm25 ${hit.bm25Score.toFixed(2)}` : '',
    hit.similarity !== undefined ? `similarity ${hit.similarity.toFixed(3)}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : `score ${hit.score.toFixed(4)}`;
}

export function parseFilters(
  filters: string[] | undefined,
): Record<string, string | number | boolean> | undefined {
  if (!filters || filters.length === 0) return undefined;
  const parsed: Record<string, string | number | boolean> = {};
  for (const filter of filters) {
    const separator = filter.indexOf('=');
    if (separator <= 0) {
      throw new GantryError('RAG_QUERY_INVALID', `The filter '${filter}' is not key=value.`, {
        hint: 'Write filters as --filter source=docs/guide.md --filter page=3.',
      });
    }
    const raw = filter.slice(separator + 1);
    parsed[filter.slice(0, separator)] =
      raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : raw !== '' && Number.isFinite(Number(raw))
            ? Number(raw)
            : raw;
  }
  return parsed;
}
