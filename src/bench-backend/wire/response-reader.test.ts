import { describe, expect, it } from 'vitest';
import { ResponseError, ResponseReader } from './response-reader.js';

interface Seen {
  status: number;
  body: string;
  ended: number;
}

function read(
  text: string,
  cuts: number[] = [],
  closeAtEnd = false,
): { seen: Seen; reader: ResponseReader; used: number } {
  const seen: Seen = { status: 0, body: '', ended: 0 };
  const reader = new ResponseReader({
    onHead(status) {
      seen.status = status;
    },
    onBody(bytes, start, end) {
      seen.body += bytes.toString('latin1', start, end);
    },
    onEnd() {
      seen.ended++;
    },
  });
  const bytes = Buffer.from(text, 'latin1');
  const shared = Buffer.alloc(bytes.length + 32, 'X\r\n\r\n0\r\n');
  let from = 0;
  let used = 0;
  for (const cut of [...cuts, bytes.length]) {
    bytes.copy(shared, 0, from, cut);
    used += reader.push(shared, 0, cut - from);
    shared.fill('X\r\n\r\n0\r\n');
    from = cut;
  }
  if (closeAtEnd) reader.close();
  return { seen, reader, used };
}

const chunked =
  'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n' +
  '0f\r\ndata: {"a":1}\n\n\r\n' +
  '5;ext=1\r\nhello\r\n' +
  '0\r\nx-trailer: 1\r\n\r\n';

describe('ResponseReader', () => {
  it('decodes a chunked body and ends at the last chunk, leaving later bytes unused', () => {
    const { seen, reader, used } = read(`${chunked}HTTP/1.1 200 OK\r\n`);
    expect(seen.status).toBe(200);
    expect(seen.body).toBe('data: {"a":1}\n\nhello');
    expect(seen.ended).toBe(1);
    expect(reader.keepAlive).toBe(true);
    expect(used).toBe(chunked.length);
  });

  it('gives the same body whatever byte the response is split at', () => {
    for (let cut = 1; cut < chunked.length; cut++) {
      const { seen } = read(chunked, [cut]);
      expect(seen.body).toBe('data: {"a":1}\n\nhello');
      expect(seen.ended).toBe(1);
    }
    const { seen } = read(
      chunked,
      Array.from({ length: chunked.length - 1 }, (_, i) => i + 1),
    );
    expect(seen.body).toBe('data: {"a":1}\n\nhello');
  });

  it('reads a content-length body and a body that ends with the connection', () => {
    const fixed = 'HTTP/1.1 429 Too Many\r\ncontent-length: 4\r\nconnection: close\r\n\r\nslow';
    for (let cut = 1; cut < fixed.length; cut++) {
      const { seen, reader } = read(fixed, [cut]);
      expect([seen.status, seen.body, seen.ended, reader.keepAlive]).toEqual([429, 'slow', 1, false]);
    }
    const { seen } = read('HTTP/1.0 200 OK\r\n\r\nall of it', [], true);
    expect([seen.body, seen.ended]).toEqual(['all of it', 1]);
  });

  it('reports a connection closed mid-body and a malformed answer', () => {
    expect(() => read('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nshort', [], true)).toThrow(ResponseError);
    expect(() => read('SSH-2.0-OpenSSH\r\n\r\n')).toThrow(/not an HTTP\/1.1 response/);
    expect(() => read('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabcXY')).toThrow(
      /malformed chunked/,
    );
  });
});
