import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('SseParser', () => {
  it('returns events only once complete, across arbitrary chunk boundaries', () => {
    const parser = new SseParser();
    const stream = 'data: {"a":1}\n\nevent: error\ndata: {"b":2}\n\ndata: [DONE]\n\n';
    const events = [];
    for (let i = 0; i < stream.length; i += 3) events.push(...parser.push(bytes(stream.slice(i, i + 3))));
    expect(events).toEqual([
      { event: undefined, data: '{"a":1}' },
      { event: 'error', data: '{"b":2}' },
      { event: undefined, data: '[DONE]' },
    ]);
    expect(parser.pending).toBe(false);
  });

  it('handles CRLF line endings, comments, multi-line data and split UTF-8 characters', () => {
    const parser = new SseParser();
    const encoded = bytes(': keep-alive\r\n\r\ndata: é\r\ndata: two\r\n\r\n');
    const split = encoded.indexOf(0xc3) + 1; // inside the two bytes of é
    const events = [...parser.push(encoded.slice(0, split)), ...parser.push(encoded.slice(split))];
    expect(events).toEqual([{ event: undefined, data: 'é\ntwo' }]);
  });

  it('reports an unfinished event as pending', () => {
    const parser = new SseParser();
    expect(parser.push(bytes('data: {"cut":'))).toEqual([]);
    expect(parser.pending).toBe(true);
  });
});
