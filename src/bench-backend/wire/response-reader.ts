// One HTTP/1.1 response read from raw bytes: the status line and headers, then the body framed by
// `transfer-encoding: chunked`, `content-length` or the end of the connection. Body bytes are handed
// over as slices of the read buffer (no copy). Only what a load generator needs: no informational 1xx
// other than 100 Continue, no trailers kept, no decompression (the request asks for none).

import { indexOfByte } from './index-of-byte.js';

const LF = 10;
const CR = 13;

export interface ResponseHandler {
  onHead(status: number): void;
  /** Body bytes [start, end) of `bytes`, valid only during the call. */
  onBody(bytes: Buffer, start: number, end: number): void;
  onEnd(): void;
}

export class ResponseError extends Error {}

enum State {
  Head,
  Size,
  SizeLine,
  Data,
  DataEnd,
  Trailer,
  Length,
  UntilClose,
  Done,
}

export class ResponseReader {
  private state = State.Head;
  private head: Buffer | undefined;
  private remaining = 0;
  private size = 0;
  /** Whether the connection can carry another request after this response. */
  keepAlive = true;

  constructor(private readonly handler: ResponseHandler) {}

  get done(): boolean {
    return this.state === State.Done;
  }

  /** Whether the body ends with the connection (then its close is the end, not an error). */
  get endsWithClose(): boolean {
    return this.state === State.UntilClose;
  }

  /** Reads bytes [start, end); returns how many were used (the rest belong to no response). */
  push(bytes: Buffer, start: number, end: number): number {
    let at = start;
    while (at < end && this.state !== State.Done) {
      switch (this.state) {
        case State.Head:
          at = this.readHead(bytes, at, end);
          break;
        case State.Size: {
          // Hex digits, then optional extensions, then CRLF.
          const c = bytes[at];
          const digit =
            c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
          if (digit >= 0) {
            this.size = this.size * 16 + digit;
            at++;
          } else if (c === LF) {
            at++;
            this.startChunk();
          } else {
            this.state = State.SizeLine;
          }
          break;
        }
        case State.SizeLine: {
          const newline = indexOfByte(bytes, LF, at, end);
          if (newline < 0) return end;
          at = newline + 1;
          this.startChunk();
          break;
        }
        case State.Data: {
          const take = Math.min(this.remaining, end - at);
          this.handler.onBody(bytes, at, at + take);
          this.remaining -= take;
          at += take;
          if (this.remaining === 0) this.state = State.DataEnd;
          break;
        }
        case State.DataEnd: {
          // The CRLF after a chunk's data.
          const c = bytes[at++];
          if (c === LF) this.state = State.Size;
          else if (c !== CR) throw new ResponseError('malformed chunked body');
          break;
        }
        case State.Trailer: {
          // Trailer lines until an empty line.
          const newline = indexOfByte(bytes, LF, at, end);
          if (newline < 0) return end;
          const empty = newline === at || (newline === at + 1 && bytes[at] === CR);
          at = newline + 1;
          if (empty) this.finish();
          break;
        }
        case State.Length: {
          const take = Math.min(this.remaining, end - at);
          this.handler.onBody(bytes, at, at + take);
          this.remaining -= take;
          at += take;
          if (this.remaining === 0) this.finish();
          break;
        }
        case State.UntilClose:
          this.handler.onBody(bytes, at, end);
          at = end;
          break;
      }
    }
    return at - start;
  }

  /** The connection closed: the end of a body read until close, otherwise an error. */
  close(): void {
    if (this.state === State.UntilClose) this.finish();
    else if (this.state !== State.Done) throw new ResponseError('the connection closed mid-response');
  }

  private startChunk(): void {
    if (this.size === 0) {
      this.state = State.Trailer;
    } else {
      this.remaining = this.size;
      this.size = 0;
      this.state = State.Data;
    }
  }

  private finish(): void {
    this.state = State.Done;
    this.handler.onEnd();
  }

  private readHead(bytes: Buffer, at: number, end: number): number {
    let buffer = bytes;
    let from = at;
    let limit = end;
    if (this.head) {
      buffer = Buffer.concat([this.head, bytes.subarray(at, end)]);
      from = 0;
      limit = buffer.length;
    }
    const close = buffer.subarray(0, limit).indexOf('\r\n\r\n', from);
    if (close < 0) {
      if (limit - from > 64 * 1024) throw new ResponseError('response headers over 64 KB');
      this.head = Buffer.from(buffer.subarray(from, limit));
      return end;
    }
    const used = close + 4 - from - (this.head ? this.head.length : 0);
    this.head = undefined;
    // Only the status and the three framing headers matter here; the head is searched, not split.
    const text = buffer.toString('latin1', from, close).toLowerCase();
    const code =
      text.startsWith('http/1.') && text.charCodeAt(8) === 32 ? Number(text.slice(9, 12)) : Number.NaN;
    if (!(code >= 100 && code <= 999))
      throw new ResponseError(`not an HTTP/1.1 response: ${text.slice(0, 60).split('\r\n')[0]}`);
    if (code === 100) return at + used; // 100 Continue: the real head follows
    const connection = header(text, 'connection');
    if (connection === 'close' || (text.startsWith('http/1.0') && connection !== 'keep-alive'))
      this.keepAlive = false;
    const length = header(text, 'content-length');
    const chunked = header(text, 'transfer-encoding')?.includes('chunked') ?? false;
    this.handler.onHead(code);
    if (chunked) this.state = State.Size;
    else if (length !== undefined) {
      this.remaining = Number(length);
      if (!Number.isInteger(this.remaining) || this.remaining < 0)
        throw new ResponseError(`bad content-length ${length}`);
      this.state = State.Length;
      if (this.remaining === 0 || code === 204 || code === 304) this.finish();
    } else if (code === 204 || code === 304) this.finish();
    else {
      this.state = State.UntilClose;
      this.keepAlive = false;
    }
    return at + used;
  }
}

/** The value of header `name` in a lower-cased head, or undefined. */
function header(head: string, name: string): string | undefined {
  const at = head.indexOf(`\r\n${name}:`);
  if (at < 0) return undefined;
  const from = at + name.length + 3;
  const end = head.indexOf('\r\n', from);
  return head.slice(from, end < 0 ? head.length : end).trim();
}
