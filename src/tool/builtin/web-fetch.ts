// `web_fetch`: GET a public URL and return readable Markdown (HTML) or the text itself.
import { z } from 'zod';
import { defineTool } from '../tool.js';
import { htmlToMarkdown } from './html-to-markdown.js';
import { pdfToText } from './pdf-to-text.js';
import { type SafeFetchOptions, type SafeFetchResponse, safeFetch } from './safe-fetch.js';

export interface WebFetchOptions extends Omit<SafeFetchOptions, 'signal'> {
  /** Characters of Markdown returned at most (the model's context is the scarce resource). */
  maximumCharacters?: number;
}

export function webFetchTool(options: WebFetchOptions = {}) {
  const { maximumCharacters = 20_000 } = options;
  return defineTool({
    name: 'web_fetch',
    description:
      'Fetches a public web page or PDF (http or https) and returns its readable content as Markdown, with its title.',
    input: z.object({ url: z.string().min(1).describe('absolute http:// or https:// URL') }),
    execute: async ({ url }, context) => {
      const response = await safeFetch(url, { ...options, signal: context.signal });
      const { title, markdown } = await readable(response);
      const cut = markdown.length > maximumCharacters;
      return {
        url: response.url,
        status: response.status,
        title,
        content: cut ? markdown.slice(0, maximumCharacters) : markdown,
        truncated: cut || response.truncated,
      };
    },
  });
}

async function readable(response: SafeFetchResponse): Promise<{ title: string; markdown: string }> {
  const isPdf =
    /application\/pdf/i.test(response.contentType) ||
    response.body.subarray(0, 5).toString('latin1') === '%PDF-';
  if (isPdf) {
    if (response.truncated) {
      return {
        title: '',
        markdown: `The PDF is larger than the ${response.body.length}-byte limit and could not be read.`,
      };
    }
    const { text } = await pdfToText(response.body);
    return { title: '', markdown: text };
  }
  const text = response.body.toString('utf8');
  const isHtml = /html|xml/i.test(response.contentType) || /^\s*<(!doctype|html)/i.test(text);
  return isHtml ? htmlToMarkdown(text, response.url) : { title: '', markdown: text };
}
