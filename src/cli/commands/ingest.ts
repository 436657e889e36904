import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { GantryError } from '../../errors/index.js';
import {
  findFiles,
  type LoadedDocument,
  loadFile,
  loadUrl,
  openConfiguredCollection,
} from '../../rag/index.js';
import type { CliContext } from '../cli-context.js';

interface IngestFlags {
  collection?: string;
  embedder?: string;
  include?: string[];
  json?: boolean;
  progress?: boolean;
}

export function define(command: Command, context: CliContext): void {
  command
    .argument('<sources...>', 'files, folders or http(s) URLs')
    .option('--collection <name>', 'collection to ingest into (default: rag.collection)')
    .option('--embedder <spec>', "'lsa', 'none' or 'provider:model' (new collections only)")
    .option('--include <glob...>', 'only files matching these globs inside folders')
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print the report as JSON')
    .action(async (sources: string[], flags: IngestFlags) => {
      const config = context.config().config;
      const documents: LoadedDocument[] = [];
      const folders: string[] = [];
      for (const source of sources) {
        if (/^https?:\/\//i.test(source)) {
          documents.push(await loadUrl(source));
          continue;
        }
        const path = resolve(source);
        const info = await stat(path).catch(() => undefined);
        if (!info) {
          throw new GantryError('RAG_LOADER_FAILED', `${source} does not exist.`, {
            hint: 'Give a file, a folder or an http(s) URL.',
            details: { source },
          });
        }
        if (info.isDirectory()) {
          folders.push(path + sep);
          for (const file of await findFiles(path, { include: flags.include }))
            documents.push(...(await loadFile(file)));
        } else {
          documents.push(...(await loadFile(path)));
        }
      }
      const collection = await openConfiguredCollection({
        store: await context.store(),
        config,
        name: flags.collection,
        embedder: flags.embedder,
      });
      const showBar = flags.progress !== false && !flags.json && (context.stderr as NodeJS.WriteStream).isTTY;
      const { SingleBar, Presets } = await import('cli-progress');
      const bar = showBar
        ? new SingleBar(
            { stream: context.stderr, format: ' {bar} {value}/{total} documents | {chunks} chunks' },
            Presets.shades_classic,
          )
        : undefined;
      bar?.start(documents.length, 0, { chunks: 0 });
      const started = performance.now();
      // Files that disappeared from an ingested folder are removed from the collection.
      const report = await collection.ingest(documents, {
        removeMissingUnder: folders,
        onProgress: ({ documentsDone, documentsTotal, chunksAdded }) => {
          bar?.setTotal(documentsTotal);
          bar?.update(documentsDone, { chunks: chunksAdded });
        },
      });
      bar?.stop();
      const seconds = (performance.now() - started) / 1000;
      if (flags.json) {
        context.stdout.write(
          `${JSON.stringify({ collection: collection.name, ...report, seconds }, null, 2)}\n`,
        );
        return;
      }
      context.stdout.write(
        `${collection.name}: ${report.documents} documents (${report.unchanged} unchanged, ${report.documentsRemoved} removed), ` +
          `${report.chunksAdded} chunks added, ${report.chunksKept} kept, ${report.chunksRemoved} removed in ${seconds.toFixed(1)} s\n`,
      );
    });
}
