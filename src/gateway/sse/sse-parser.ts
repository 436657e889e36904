// Incremental server-sent-events parser: feed it bytes as they arrive, get complete events back.
// Only `event:` and `data:` fields matter to the gateway; comments and ids are skipped.

export interface SseEvent {
  event: string | undefined;
  data: string;
}

export class SseParser {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  /** Returns the events completed by this chunk (possibly none). */
  push(chunk: Uint8Array): SseEvent[] {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const end = findEventEnd(this.buffer, start);
      if (end === -1) break;
      const event = parseEvent(this.buffer.slice(start, end.index));
      if (event) events.push(event);
      start = end.index + end.length;
    }
    if (start > 0) this.buffer = this.buffer.slice(start);
    return events;
  }

  /** True when bytes of an unfinished event are waiting. */
  get pending(): boolean {
    return this.buffer.trim().length > 0;
  }
}

function findEventEnd(text: string, from: number): { index: number; length: number } | -1 {
  const lf = text.indexOf('\n\n', from);
  const crlf = text.indexOf('\r\n\r\n', from);
  if (lf === -1 && crlf === -1) return -1;
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { index: crlf, length: 4 };
  return { index: lf, length: 2 };
}

function parseEvent(block: string): SseEvent | undefined {
  let event: string | undefined;
  let data: string | undefined;
  for (const rawLine of block.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.length === 0 || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
    else if (field === 'event') event = value;
  }
  return data === undefined ? undefined : { event, data };
}
