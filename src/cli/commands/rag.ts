import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import {
  type BenchmarkProgress,
  type BenchmarkResult,
  benchmarkTestCollection,
  configuredReranker,
  formatTrecQrels,
  formatTrecRun,
  isTestCollectionName,
  loadBeirCollection,
  loadTestCollection,
  type SearchMode,
  searchModes,
  testCollectionNames,
} from '../../rag/index.js';
import { openSqliteStore } from '../../store/index.js';
import type { CliContext } from '../cli-context.js';

interface EvalFlags {
  modes?: string;
  k1?: string;
  b?: string;
  lsaDimension?: string;
  depth?: string;
  runFile?: string;
  qrelsFile?: string;
  cranfieldMinusOne?: 'relevant' | 'drop';
  rerank?: boolean;
  json?: boolean;
  progress?: boolean;
}

export function define(command: Command, context: CliContext): void {
  command
    .command('eval')
    .description('Retrieval quality (nDCG@10, Recall@100, MRR@10, MAP) on a test collection')
    .argument('<collections...>', `${testCollectionNames.join(' | ')} | all | a BEIR folder`)
    .option('--modes <list>', 'comma-separated: bm25,vector,hybrid', 'bm25,vector,hybrid')
    .option('--k1 <k1>', 'BM25 k1', '0.9')
    .option('--b <b>', 'BM25 b', '0.4')
    .option('--lsa-dimension <n>', 'LSA dimensions of the offline embedder', '256')
    .option('--depth <n>', 'results per query (MAP and the run file use them all)', '1000')
    .option('--cranfield-minus-one <choice>', 'Cranfield grade −1: relevant | drop', 'relevant')
    .option(
      '--run-file <path>',
      'write TREC runs (qid Q0 docid rank score tag); {collection} and {mode} expand',
    )
    .option('--qrels-file <path>', 'write the qrels in TREC format; {collection} expands')
    .option('--rerank', 'add <mode>+rerank systems with the configured reranker (rag.reranker)')
    .option('--json', 'print JSON')
    .option('--no-progress', 'no progress on stderr')
    .action(async (names: string[], flags: EvalFlags) => {
      const modes = (flags.modes ?? '').split(',').map((mode) => mode.trim()) as SearchMode[];
      for (const mode of modes) {
        if (!searchModes.includes(mode)) {
          throw new GantryError('USAGE_INVALID', `Unknown mode '${mode}'.`, {
            hint: `Use ${searchModes.join(', ')}.`,
          });
        }
      }
      const reranker = flags.rerank ? configuredReranker(context.config().config) : undefined;
      if (flags.rerank && !reranker) {
        throw new GantryError('USAGE_INVALID', '--rerank needs a reranker in the configuration.', {
          hint: 'Set rag.reranker (type http with url, or type llm with model).',
        });
      }
      const candidates = context.config().config.rag.reranker.candidates;
      const expanded = names.flatMap((name) => (name === 'all' ? [...testCollectionNames] : [name]));
      const results: BenchmarkResult[] = [];
      const progress = await progressPrinter(context);
      for (const name of expanded) {
        const collection = isTestCollectionName(name)
          ? loadTestCollection(name, { cranfieldMinusOne: flags.cranfieldMinusOne })
          : existsSync(name)
            ? loadBeirCollection(name)
            : loadTestCollection(name);
        // A throw-away database: evaluation never touches the user's collections.
        const store = openSqliteStore({ path: ':memory:' });
        try {
          const result = await benchmarkTestCollection(collection, {
            store,
            modes,
            k1: Number(flags.k1),
            b: Number(flags.b),
            lsaDimension: Number(flags.lsaDimension),
            depth: Number(flags.depth),
            onProgress: flags.progress === false || flags.json ? undefined : progress.report(name),
            extraSystems: reranker
              ? (opened) =>
                  Object.fromEntries(
                    modes.map((mode) => [
                      `${mode}+rerank`,
                      async (query: string, limit: number) =>
                        (
                          await opened.search(query, {
                            mode,
                            limit,
                            rerank: reranker,
                            rerankCandidates: candidates,
                          })
                        ).map((hit) => ({ id: hit.source, score: hit.score })),
                    ]),
                  )
              : undefined,
          });
          progress.stop();
          results.push(result);
          if (!flags.json) printTable(context, result);
          for (const system of result.systems) {
            if (flags.runFile) {
              const path = expandPath(
                flags.runFile,
                result.collection,
                system.system,
                modes.length > 1 || expanded.length > 1,
              );
              writeFileSync(path, formatTrecRun(system.runs, `gantry-${system.system}`));
            }
          }
          if (flags.qrelsFile) {
            writeFileSync(
              expandPath(flags.qrelsFile, result.collection, '', expanded.length > 1),
              formatTrecQrels(collection.qrels),
            );
          }
        } finally {
          await store.close();
        }
      }
      if (flags.json) {
        const json = results.map((result) => ({
          collection: result.collection,
          documents: result.documents,
          queries: result.queries,
          notes: result.notes,
          settings: {
            k1: Number(flags.k1),
            b: Number(flags.b),
            lsaDimension: Number(flags.lsaDimension),
            depth: Number(flags.depth),
          },
          ingestMs: Math.round(result.ingestMs),
          systems: result.systems.map((system) => ({
            system: system.system,
            ...system.mean,
            msPerQuery: system.latencyMs,
          })),
        }));
        context.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      }
    });

  command
    .command('collections')
    .description('List RAG collections with their document and chunk counts')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const collections = (await (await context.store()).ragDocuments.listCollections()).map(
        ({ embedderState: _, ...rest }) => rest,
      );
      if (flags.json) {
        context.stdout.write(`${JSON.stringify(collections, null, 2)}\n`);
        return;
      }
      if (collections.length === 0)
        context.stdout.write('No collections yet: gantry ingest <path> --collection NAME\n');
      for (const c of collections) {
        context.stdout.write(
          `${c.name.padEnd(24)} ${String(c.documents).padStart(7)} documents ${String(c.chunks).padStart(8)} chunks  ${c.embedder ?? 'bm25 only'}\n`,
        );
      }
    });
}

function printTable(context: CliContext, result: BenchmarkResult): void {
  const out = context.stdout;
  out.write(`\n${result.collection}: ${result.documents} documents, ${result.queries} judged queries\n`);
  for (const note of result.notes) out.write(`  note: ${note}\n`);
  out.write(
    `  ${'system'.padEnd(10)} ${'nDCG@10'.padStart(8)} ${'R@100'.padStart(8)} ${'MRR@10'.padStart(8)} ${'MAP'.padStart(8)} ${'ms/query'.padStart(9)}\n`,
  );
  for (const system of result.systems) {
    const m = system.mean;
    out.write(
      `  ${system.system.padEnd(10)} ${m.ndcgAt10.toFixed(4).padStart(8)} ${m.recallAt100.toFixed(4).padStart(8)} ${m.mrrAt10.toFixed(4).padStart(8)} ${m.map.toFixed(4).padStart(8)} ${system.latencyMs.toFixed(2).padStart(9)}\n`,
    );
  }
}

function expandPath(template: string, collection: string, mode: string, many: boolean): string {
  const name = collection.replace(/[^A-Za-z0-9_-]+/g, '_');
  if (template.includes('{collection}') || template.includes('{mode}')) {
    return template.replaceAll('{collection}', name).replaceAll('{mode}', mode);
  }
  return many ? `${template}.${name}${mode ? `.${mode}` : ''}` : template;
}

/** A bar per phase on a terminal; otherwise one line when each phase starts (rag eval ran silently for ~18 s). */
async function progressPrinter(context: CliContext) {
  const stream = context.stderr as NodeJS.WriteStream;
  const { SingleBar, Presets } = await import('cli-progress');
  let bar: InstanceType<typeof SingleBar> | undefined;
  let phase: BenchmarkProgress['phase'] | undefined;
  const stop = () => {
    bar?.stop();
    bar = undefined;
    phase = undefined;
  };
  return {
    stop,
    report:
      (collection: string) =>
      ({ phase: next, done, total }: BenchmarkProgress) => {
        if (next !== phase) {
          stop();
          phase = next;
          const what = next === 'ingest' ? 'documents ingested' : 'queries run (all systems)';
          if (stream.isTTY) {
            bar = new SingleBar(
              { stream, format: ` ${collection} {bar} {value}/{total} ${what}` },
              Presets.shades_classic,
            );
            bar.start(total, done);
          } else {
            stream.write(
              next === 'ingest'
                ? `${collection}: ingesting ${total} documents\n`
                : `${collection}: running ${total} queries (all systems)\n`,
            );
          }
        }
        bar?.update(done);
      },
  };
}
