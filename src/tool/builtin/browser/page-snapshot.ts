// The page as Markdown for a model, with a reference (e1, e2, …) on every element it can act on:
// links, buttons, inputs, selects, text areas. The reference is stored on the element
// (data-gantry-ref), so that click/type/select find exactly what the model saw.
import type { Page } from 'playwright-core';

export interface PageSnapshot {
  url: string;
  title: string;
  markdown: string;
  truncated: boolean;
}

export async function snapshotPage(page: Page, maximumCharacters: number): Promise<PageSnapshot> {
  const markdown = (await page.evaluate(walkDocument)) as string;
  const cut = markdown.length > maximumCharacters;
  return {
    url: page.url(),
    title: await page.title(),
    markdown: cut ? `${markdown.slice(0, maximumCharacters)}\n…` : markdown,
    truncated: cut,
  };
}

/**
 * Runs in the page. Plain JavaScript in a string: a compiled TypeScript function could carry helper
 * calls (esbuild's __name) that do not exist in the page.
 */
const walkDocument = `(() => {
  let next = 1;
  const lines = [];
  let line = '';
  const flush = () => {
    const text = line.replace(/\\s+/g, ' ').trim();
    if (text) lines.push(text);
    line = '';
  };
  for (const element of document.querySelectorAll('[data-gantry-ref]'))
    next = Math.max(next, Number(element.getAttribute('data-gantry-ref').slice(1)) + 1);
  const ref = (element) => {
    let id = element.getAttribute('data-gantry-ref');
    if (!id) {
      id = 'e' + next++;
      element.setAttribute('data-gantry-ref', id);
    }
    return id;
  };
  const label = (element) => (element.textContent || '').replace(/\\s+/g, ' ').trim();
  const blocks = new Set(['P', 'DIV', 'LI', 'TR', 'SECTION', 'ARTICLE', 'FORM', 'UL', 'OL', 'TABLE', 'PRE', 'BR', 'HEADER', 'FOOTER', 'MAIN', 'NAV']);
  const visit = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      line += node.textContent || '';
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node;
    const tag = element.tagName;
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') return;
    if (element.hidden || element.getAttribute('aria-hidden') === 'true') return;
    if (/^H[1-6]$/.test(tag)) {
      flush();
      lines.push('#'.repeat(Number(tag[1])) + ' ' + label(element));
      return;
    }
    if (tag === 'A' && element.getAttribute('href')) {
      line += ' [' + (label(element) || element.getAttribute('href')) + '](' + ref(element) + ') ';
      return;
    }
    if (tag === 'BUTTON' || (tag === 'INPUT' && /^(submit|button)$/i.test(element.type))) {
      const text = tag === 'BUTTON' ? label(element) : element.value;
      line += ' [button: ' + (text || 'submit') + '](' + ref(element) + ') ';
      return;
    }
    if (tag === 'INPUT' || tag === 'TEXTAREA') {
      if (element.type === 'hidden') return;
      const name = element.name || element.id || element.placeholder || element.type;
      const kind = element.type === 'checkbox' || element.type === 'radio' ? element.type : 'input';
      line += ' [' + kind + ' ' + name + (element.value ? ' = "' + element.value + '"' : '') + (element.checked ? ' (checked)' : '') + '](' + ref(element) + ') ';
      return;
    }
    if (tag === 'SELECT') {
      const options = [...element.options].map((o) => (o.selected ? '*' + o.text + '*' : o.text)).join(' | ');
      line += ' [select ' + (element.name || element.id) + ': ' + options + '](' + ref(element) + ') ';
      return;
    }
    const block = blocks.has(tag);
    if (block) flush();
    for (const child of element.childNodes) visit(child);
    if (block) flush();
  };
  if (document.body) visit(document.body);
  flush();
  return lines.join('\\n');
})()`;
