// Each loader on real files (and a real HTTP server on 127.0.0.1 for URLs).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GantryError } from '../src/errors/index.js';
import { findFiles, globToRegExp, loadFile, loadUrl } from '../src/rag/index.js';

let folder: string;
let server: Server;
let base: string;

const article = `<!doctype html><html><head><title>Wing theory</title></head><body>
<nav>Home | About | Contact</nav>
<article><h1>Wing theory</h1><p>Lifting-line theory models a finite wing as a bound vortex with a trailing
vortex sheet, and predicts the induced drag of elliptic loading.</p><h2>Limits</h2>
<p>It fails for low aspect ratios and swept wings, where lifting-surface methods are needed.</p></article>
<script>window.tracking = true;</script></body></html>`;

// A two-page PDF with one line of text per page (byte offsets in the xref table are computed).
function twoPagePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> >>',
    null,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = (text: string) => {
    const content = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
    return `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
  };
  objects[3] = stream('Page one talks about flutter.');
  objects[5] = stream('Page two talks about buffeting.');
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'rag-loaders-'));
  writeFileSync(join(folder, 'page.html'), article);
  writeFileSync(join(folder, 'paper.pdf'), twoPagePdf());
  writeFileSync(
    join(folder, 'list.json'),
    JSON.stringify([{ id: 7, content: 'seven', year: 1966, nested: { x: 1 } }]),
  );
  writeFileSync(join(folder, 'broken.jsonl'), '{"text":"ok"}\n{not json}\n');
  writeFileSync(join(folder, 'image.png'), 'x');
  mkdirSync(join(folder, 'drafts'));
  writeFileSync(join(folder, 'drafts', 'a.md'), '# Draft');
  writeFileSync(join(folder, 'keep.md'), '# Keep');
  writeFileSync(join(folder, '.gitignore'), 'drafts/\n*.pdf\n');
  server = createServer((request, response) => {
    if (request.url === '/article') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(article);
    } else if (request.url === '/notes.txt') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('plain notes');
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('missing');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(folder, { recursive: true, force: true });
});

describe('loaders', () => {
  it('HTML: readable article as Markdown, navigation and scripts dropped', async () => {
    const [document] = await loadFile(join(folder, 'page.html'));
    expect(document.format).toBe('html');
    expect(document.metadata.title).toBe('Wing theory');
    const text = document.sections[0].text;
    expect(text).toContain('## Limits');
    expect(text).toContain('Lifting-line theory');
    expect(text).not.toContain('tracking');
  });

  it('PDF: one section per page with its page number', async () => {
    const [document] = await loadFile(join(folder, 'paper.pdf'));
    expect(document.format).toBe('pdf');
    expect(document.sections.map((section) => [section.metadata.page, section.text.trim()])).toEqual([
      [1, 'Page one talks about flutter.'],
      [2, 'Page two talks about buffeting.'],
    ]);
  });

  it('JSON: records with ids, text field and scalar metadata; JSONL errors name the line', async () => {
    const [record] = await loadFile(join(folder, 'list.json'));
    expect(record.source).toBe(`${join(folder, 'list.json')}#7`);
    expect(record.sections[0].text).toBe('seven');
    expect(record.metadata).toMatchObject({ id: 7, year: 1966 });
    expect(record.metadata.nested).toBeUndefined();
    await expect(loadFile(join(folder, 'broken.jsonl'))).rejects.toThrow(/line 2/);
  });

  it('rejects unknown extensions and missing files with clear codes', async () => {
    for (const [path, code] of [
      [join(folder, 'image.png'), 'RAG_LOADER_UNSUPPORTED'],
      [join(folder, 'nope.txt'), 'RAG_LOADER_FAILED'],
    ]) {
      await expect(loadFile(path)).rejects.toSatisfy(
        (error) => GantryError.isInstance(error) && error.code === code,
      );
    }
  });

  it('folders: loadable files only, ignore files honoured, include globs', async () => {
    const names = (await findFiles(folder)).map((path) => path.slice(folder.length + 1));
    expect(names).toEqual(['broken.jsonl', 'keep.md', 'list.json', 'page.html']);
    const markdown = (await findFiles(folder, { include: ['**/*.md'] })).map((path) =>
      path.slice(folder.length + 1),
    );
    expect(markdown).toEqual(['keep.md']);
    expect(globToRegExp('docs/**/*.md').test('docs/a/b/c.md')).toBe(true);
    expect(globToRegExp('docs/**/*.md').test('docs/c.md')).toBe(true);
    expect(globToRegExp('*.md').test('a/b.md')).toBe(false);
  });

  it('URLs: through the SSRF-safe fetcher (loopback only when allowed), HTML and text, errors on 404', async () => {
    await expect(loadUrl(`http://${base}/article`)).rejects.toThrow();
    const page = await loadUrl(`http://${base}/article`, { allowHosts: [base] });
    expect(page).toMatchObject({ format: 'html', metadata: { title: 'Wing theory' } });
    expect(page.sections[0].text).toContain('induced drag');
    const notes = await loadUrl(`http://${base}/notes.txt`, { allowHosts: [base] });
    expect(notes.sections[0].text).toBe('plain notes');
    await expect(loadUrl(`http://${base}/gone`, { allowHosts: [base] })).rejects.toSatisfy(
      (error) => GantryError.isInstance(error) && error.code === 'RAG_LOADER_FAILED',
    );
  });
});
