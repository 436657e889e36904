// Readable Markdown from an HTML page: Readability finds the article, Turndown writes Markdown.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' });
turndown.remove(['script', 'style', 'noscript', 'iframe']);

export function htmlToMarkdown(html: string, url: string): { title: string; markdown: string } {
  const { document } = parseHTML(html);
  const article = new Readability(document as never, { charThreshold: 0 }).parse();
  if (article?.content) {
    return { title: article.title ?? '', markdown: turndown.turndown(article.content).trim() };
  }
  // Readability gives up on very short or unusual pages: fall back to the whole body.
  const body = document.body?.innerHTML ?? html;
  return { title: document.title || url, markdown: turndown.turndown(body).trim() };
}
