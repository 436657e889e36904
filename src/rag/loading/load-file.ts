// Loads one file by its extension: text, Markdown, HTML (Readability → Markdown), PDF (one section per
// page, via unpdf), JSON / JSONL records (one document per record).
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { GantryError } from '../../errors/index.js';
import { htmlToMarkdown } from '../../tool/index.js';
import { loadJsonRecords } from './load-json-records.js';
import type { LoadedDocument } from './loaded-document.js';

export const loadableExtensions = [
  '.txt',
  '.text',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.pdf',
  '.json',
  '.jsonl',
];

export async function loadFile(path: string): Promise<LoadedDocument[]> {
  const extension = extname(path).toLowerCase();
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    throw new GantryError('RAG_LOADER_FAILED', `Cannot read ${path}: ${(error as Error).message}`, {
      hint: 'Check the path and its permissions.',
      details: { path },
      cause: error,
    });
  }
  const name = basename(path);
  switch (extension) {
    case '.txt':
    case '.text':
      return [textDocument(path, 'text', name, buffer.toString('utf8'))];
    case '.md':
    case '.markdown': {
      const text = buffer.toString('utf8');
      const title = /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? name;
      return [textDocument(path, 'markdown', title, text)];
    }
    case '.html':
    case '.htm': {
      const { title, markdown } = htmlToMarkdown(buffer.toString('utf8'), path);
      return [textDocument(path, 'html', title || name, markdown)];
    }
    case '.pdf':
      return [await loadPdf(path, buffer)];
    case '.json':
    case '.jsonl':
      return loadJsonRecords(path, buffer.toString('utf8'), extension === '.jsonl');
    default:
      throw new GantryError(
        'RAG_LOADER_UNSUPPORTED',
        `No loader reads ${extension || 'extension-less'} files (${path}).`,
        {
          hint: `Supported: ${loadableExtensions.join(' ')}.`,
          details: { path },
        },
      );
  }
}

function textDocument(
  source: string,
  format: LoadedDocument['format'],
  title: string,
  text: string,
): LoadedDocument {
  return { source, format, metadata: { source, title, format }, sections: [{ text, metadata: {} }] };
}

async function loadPdf(path: string, buffer: Buffer): Promise<LoadedDocument> {
  try {
    const { extractText, getDocumentProxy, getMeta } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(buffer));
    const { text } = await extractText(pdf, { mergePages: false });
    const meta = await getMeta(pdf).catch(() => ({ info: {} as Record<string, unknown> }));
    const title = typeof meta.info?.Title === 'string' && meta.info.Title ? meta.info.Title : basename(path);
    return {
      source: path,
      format: 'pdf',
      metadata: { source: path, title, format: 'pdf', pages: text.length },
      sections: text.map((pageText, index) => ({ text: pageText, metadata: { page: index + 1 } })),
    };
  } catch (error) {
    throw new GantryError('RAG_LOADER_FAILED', `Cannot read the PDF ${path}: ${(error as Error).message}`, {
      hint: 'The file may be damaged, encrypted or scanned images without text.',
      details: { path },
      cause: error,
    });
  }
}
