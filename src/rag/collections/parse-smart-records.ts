// Parses the Cornell SMART record format: `.I <id>` starts a record, `.X` lines (one capital letter,
// sometimes with trailing spaces) start a field, every other line belongs to the current field.

export interface SmartRecord {
  id: string;
  /** Field letter → text (lines joined with '\n', each line right-trimmed). */
  fields: Record<string, string>;
}

const markerLine = /^\.([A-Z])(?:[ \t]+(.*))?$/;

export function parseSmartRecords(source: string): SmartRecord[] {
  const records: SmartRecord[] = [];
  let current: SmartRecord | undefined;
  let field: string | undefined;
  for (const rawLine of source.split(/\r?\n/)) {
    // MED pads every line with spaces to 72 columns; no format gives trailing spaces meaning.
    const line = rawLine.trimEnd();
    const marker = markerLine.exec(line);
    if (marker) {
      const [, letter, rest = ''] = marker;
      if (letter === 'I') {
        current = { id: rest.trim(), fields: {} };
        records.push(current);
        field = undefined;
        continue;
      }
      if (current) {
        field = letter;
        current.fields[field] = current.fields[field] ?? '';
        if (rest.trim()) appendLine(current, field, rest);
        continue;
      }
    }
    if (current && field) appendLine(current, field, line);
  }
  return records;
}

function appendLine(record: SmartRecord, field: string, line: string): void {
  const existing = record.fields[field];
  record.fields[field] = existing ? `${existing}\n${line}` : line;
}

/** A field's text with its lines joined by spaces and runs of whitespace collapsed. */
export function fieldText(record: SmartRecord, letter: string): string {
  return (record.fields[letter] ?? '').replace(/\s+/g, ' ').trim();
}
