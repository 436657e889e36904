// Readable Markdown from an HTML page: Readability finds the article, Turndown writes Markdown.
// The three libraries (a DOM, Readability, Turndown) add ~28 MB and ~300 ms to a process that
// imports them, and every process that imports the tools would: they are loaded on first use.
import { createRequire } from 'node:module';

type Libraries = {
  parseHTML: typeof import('linkedom').parseHTML;
  Readability: typeof import('@mozilla/readability').Readability;
  turndown: import('turndown');
};

let libraries: Libraries | undefined;

function load(): Libraries {
  if (libraries) return libraries;
  const require = createRequire(import.meta.url);
  const TurndownService = require('turndown') as typeof import('turndown');
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' });
  turndown.remove(['script', 'style', 'noscript', 'iframe']);
  libraries = {
    parseHTML: (require('linkedom') as typeof import('linkedom')).parseHTML,
    Readability: (require('@mozilla/readability') as typeof import('@mozilla/readability')).Readability,
    turndown,
  };
  return libraries;
}

export function htmlToMarkdown(html: string, url: string): { title: string; markdown: string } {
  const { parseHTML, Readability, turndown } = load();
  const { document } = parseHTML(html);
  const article = new Readability(document as never, { charThreshold: 0 }).parse();
  if (article?.content) {
    return { title: article.title ?? '', markdown: turndown.turndown(article.content).trim() };
  }
  // Readability gives up on very short or unusual pages: fall back to the whole body.
  const body = document.body?.innerHTML ?? html;
  return { title: document.title || url, markdown: turndown.turndown(body).trim() };
}
