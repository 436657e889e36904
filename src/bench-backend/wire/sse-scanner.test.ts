import { describe, expect, it } from 'vitest';
import { SseScanner } from './sse-scanner.js';

/** Feeds `text` in reads cut at `cuts`, each read placed in a reused buffer with stale bytes after it. */
function scan(text: string, cuts: number[] = []): string[] {
  const events: string[] = [];
  const scanner = new SseScanner((bytes, start, end) => events.push(bytes.toString('utf8', start, end)));
  const bytes = Buffer.from(text);
  const shared = Buffer.alloc(bytes.length + 64, 'data: stale\n\n');
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    bytes.copy(shared, 0, from, cut);
    scanner.push(shared, 0, cut - from);
    shared.fill('data: stale\n\n');
    from = cut;
  }
  return events;
}

const stream = 'data: {"a":1}\n\ndata: {"b":"é"}\n\n: keep-alive comment\n\nevent: x\ndata: [DONE]\n\n';
const expected = ['{"a":1}', '{"b":"é"}', '[DONE]'];

describe('SseScanner', () => {
  it('finds several events in one read', () => {
    expect(scan(stream)).toEqual(expected);
  });

  it('gives the same events whatever byte an event is split at', () => {
    const length = Buffer.byteLength(stream);
    for (let cut = 1; cut < length; cut++) expect(scan(stream, [cut])).toEqual(expected);
  });

  it('gives the same events when every byte is its own read', () => {
    const length = Buffer.byteLength(stream);
    expect(
      scan(
        stream,
        Array.from({ length: length - 1 }, (_, i) => i + 1),
      ),
    ).toEqual(expected);
  });

  it('accepts CRLF line ends, data without a space, and joins multi-line data with LF', () => {
    const crlf = 'data:{"a":1}\r\n\r\ndata: line one\r\ndata: line two\r\n\r\n';
    expect(scan(crlf)).toEqual(['{"a":1}', 'line one\nline two']);
    for (let cut = 1; cut < crlf.length; cut++)
      expect(scan(crlf, [cut])).toEqual(['{"a":1}', 'line one\nline two']);
  });

  it('holds an event back until its blank line arrives', () => {
    expect(scan('data: {"a":1}\n')).toEqual([]);
    expect(scan('data: {"a":1}\n\ndata: {"b":2}')).toEqual(['{"a":1}']);
  });
});
