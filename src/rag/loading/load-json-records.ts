// JSON / JSONL records as documents: the text is the first of `text`, `content`, `body` (or the
// whole record), the id `id` / `_id` (or the position), and the other scalar fields become metadata.
import { GantryError } from '../../errors/index.js';
import type { LoadedDocument } from './loaded-document.js';

const textFields = ['text', 'content', 'body', 'page_content'];

export function loadJsonRecords(path: string, content: string, lines: boolean): LoadedDocument[] {
  let records: unknown[];
  if (lines) {
    records = content
      .split(/\r?\n/)
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, index }) => parse(path, line, index + 1));
  } else {
    const parsed = parse(path, content, undefined);
    records = Array.isArray(parsed) ? parsed : [parsed];
  }
  return records.map((record, index) => {
    const fields =
      typeof record === 'object' && record !== null ? (record as Record<string, unknown>) : { text: record };
    const textField = textFields.find((field) => typeof fields[field] === 'string');
    const text = textField ? String(fields[textField]) : JSON.stringify(record);
    const id = fields.id ?? fields._id ?? index + 1;
    const metadata: Record<string, unknown> = { source: `${path}#${id}`, file: path, format: 'json' };
    for (const [key, value] of Object.entries(fields)) {
      if (key === textField) continue;
      if (['string', 'number', 'boolean'].includes(typeof value)) metadata[key] = value;
    }
    return { source: `${path}#${id}`, format: 'json', metadata, sections: [{ text, metadata: {} }] };
  });
}

function parse(path: string, text: string, line: number | undefined): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GantryError(
      'RAG_LOADER_FAILED',
      `${path}${line ? ` line ${line}` : ''} is not valid JSON: ${(error as Error).message}`,
      {
        hint: 'A .jsonl file holds one JSON object per line; a .json file one object or an array.',
        details: { path, line },
        cause: error,
      },
    );
  }
}
