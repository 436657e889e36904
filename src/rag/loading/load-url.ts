// Loads a web page through the agent's SSRF-safe fetcher (private addresses refused unless allowed),
// HTML through Readability → Markdown, PDF through unpdf, anything text/* as is.
import { GantryError } from '../../errors/index.js';
import { htmlToMarkdown, type SafeFetchOptions, safeFetch } from '../../tool/index.js';
import type { LoadedDocument } from './loaded-document.js';

export async function loadUrl(url: string, options: SafeFetchOptions = {}): Promise<LoadedDocument> {
  const response = await safeFetch(url, options);
  if (response.status >= 400) {
    throw new GantryError('RAG_LOADER_FAILED', `${url} answered with status ${response.status}.`, {
      hint: 'Check the address; the page may need authentication.',
      details: { url, status: response.status },
    });
  }
  const type = response.contentType.toLowerCase();
  if (type.includes('html')) {
    const { title, markdown } = htmlToMarkdown(response.body.toString('utf8'), response.url);
    return document(url, 'html', title || url, [{ text: markdown, metadata: {} }]);
  }
  if (type.includes('pdf')) {
    const { extractText, getDocumentProxy } = await import('unpdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(response.body)), {
      mergePages: false,
    });
    return document(
      url,
      'pdf',
      url,
      text.map((pageText, index) => ({ text: pageText, metadata: { page: index + 1 } })),
    );
  }
  if (type.startsWith('text/') || type.includes('json') || type.includes('markdown')) {
    return document(url, type.includes('markdown') ? 'markdown' : 'text', url, [
      { text: response.body.toString('utf8'), metadata: {} },
    ]);
  }
  throw new GantryError(
    'RAG_LOADER_UNSUPPORTED',
    `${url} is ${response.contentType}, which no loader reads.`,
    {
      hint: 'Load HTML, PDF, Markdown or text pages.',
      details: { url, contentType: response.contentType },
    },
  );
}

function document(
  source: string,
  format: LoadedDocument['format'],
  title: string,
  sections: LoadedDocument['sections'],
): LoadedDocument {
  return { source, format, metadata: { source, title, format }, sections };
}
