// Splits Markdown at its headings and chunks each section with the recursive chunker; every chunk
// carries its heading path (["Guide", "Install", "Linux"]). Headings inside code fences are text. A
// section that is only a heading joins the next section: a chunk of a bare title ("# Key rotation")
// matches its words better than any real passage, ranks first and gets cited while saying nothing.
import type { Chunk, Chunker } from './chunk.js';
import { type RecursiveTokenChunkerOptions, recursiveTokenChunker } from './recursive-token-chunker.js';

export function markdownChunker(options: RecursiveTokenChunkerOptions = {}): Chunker {
  const inner = recursiveTokenChunker(options);
  return (text) => {
    const chunks: Chunk[] = [];
    const path: string[] = [];
    let section: string[] = [];
    let sectionPath: string[] = [];
    let fence: string | undefined;
    let carried: string[] = [];
    const headingOnly = (lines: string[]) =>
      lines.every((line) => line.trim() === '' || /^#{1,6}\s/.test(line));
    const flush = (keepBareHeadings = false) => {
      if (!keepBareHeadings && section.some((line) => line.trim() !== '') && headingOnly(section)) {
        carried.push(...section);
        section = [];
        return;
      }
      const body = [...carried, ...section].join('\n');
      carried = [];
      if (body.trim() !== '') {
        for (const chunk of inner(body)) {
          chunks.push({
            text: chunk.text,
            metadata: { headingPath: [...sectionPath], chunkIndex: chunks.length },
          });
        }
      }
      section = [];
    };
    for (const line of text.split(/\r?\n/)) {
      const fenceMatch = /^\s*(```|~~~)/.exec(line);
      if (fenceMatch) {
        if (fence === undefined) fence = fenceMatch[1];
        else if (fence === fenceMatch[1]) fence = undefined;
      }
      const heading = fence === undefined ? /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line) : null;
      if (heading) {
        flush();
        const level = heading[1].length;
        path.length = Math.min(path.length, level - 1);
        while (path.length < level - 1) path.push('');
        path.push(heading[2]);
        sectionPath = path.filter((title) => title !== '');
      }
      section.push(line);
    }
    flush();
    // A document that is nothing but headings still gets one chunk.
    if (chunks.length === 0 && carried.length > 0) {
      section = carried;
      carried = [];
      flush(true);
    }
    return chunks;
  };
}
