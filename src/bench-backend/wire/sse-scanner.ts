// Server-sent events on raw bytes: finds each event's `data:` payload without decoding the stream to a
// string. Bytes that end mid-line are kept (copied) until the next read completes the line, so an event
// split across TCP reads and several events in one read both come out whole and in order. Lines end in
// LF or CRLF; comments (`:`) and other fields (`event:`, `id:`) are skipped. An event with one data line
// (what OpenAI-compatible servers send) is handed over as a slice of the bytes read, no copy; several
// data lines are joined with LF, as the SSE spec says.

import { indexOfByte } from './index-of-byte.js';

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;
const DATA = Buffer.from('data');

/** Called once per event with its data: bytes [start, end) of `bytes`, valid only during the call. */
export type SseDataHandler = (bytes: Buffer, start: number, end: number) => void;

export class SseScanner {
  /** Bytes of an unfinished line from the previous read. */
  private carry: Buffer | undefined;
  /** Data of the event being read when it has more than one data line (rare). */
  private joined: Buffer[] | undefined;
  /** The single data line of the event being read, kept only when the event is not yet finished. */
  private pending: Buffer | undefined;
  private hasData = false;

  constructor(private readonly onData: SseDataHandler) {}

  /** Scans bytes [start, end) of one read. */
  push(bytes: Buffer, start: number, end: number): void {
    let from = start;
    if (this.carry) {
      const newline = indexOfByte(bytes, LF, start, end);
      if (newline < 0) {
        this.carry = Buffer.concat([this.carry, bytes.subarray(start, end)]);
        return;
      }
      const line = Buffer.concat([this.carry, bytes.subarray(start, newline + 1)]);
      this.carry = undefined;
      this.line(line, 0, line.length - 1, line.length, true);
      from = newline + 1;
    }
    while (from < end) {
      const newline = indexOfByte(bytes, LF, from, end);
      if (newline < 0) {
        this.carry = Buffer.from(bytes.subarray(from, end));
        return;
      }
      this.line(bytes, from, newline, end, false);
      from = newline + 1;
    }
  }

  /** Forgets a partial event (the connection was reused or failed). */
  reset(): void {
    this.carry = undefined;
    this.joined = undefined;
    this.pending = undefined;
    this.hasData = false;
  }

  /** One line, bytes [start, end) without its LF, read up to `limit`; `owned`: a copy, not the read. */
  private line(bytes: Buffer, start: number, end: number, limit: number, owned: boolean): void {
    if (end > start && bytes[end - 1] === CR) end--;
    if (end === start) {
      this.dispatch();
      return;
    }
    if (
      end - start < 5 ||
      bytes[start + 4] !== COLON ||
      bytes[start] !== DATA[0] ||
      bytes[start + 1] !== DATA[1] ||
      bytes[start + 2] !== DATA[2] ||
      bytes[start + 3] !== DATA[3]
    )
      return; // a comment or another field
    let from = start + 5;
    if (from < end && bytes[from] === SPACE) from++;
    if (!this.hasData) {
      this.hasData = true;
      // Most events end right after their data line, in the same read: look ahead for the blank line.
      const next = end + (bytes[end] === CR ? 2 : 1);
      if (!owned && next < limit && (bytes[next] === LF || bytes[next] === CR)) {
        this.hasData = false;
        this.skipBlank = true;
        this.onData(bytes, from, end);
        return;
      }
      this.pending = Buffer.from(bytes.subarray(from, end));
      return;
    }
    this.joined ??= this.pending ? [this.pending] : [];
    this.pending = undefined;
    this.joined.push(Buffer.from('\n'), Buffer.from(bytes.subarray(from, end)));
  }

  /** Set when an event was handed over early: the blank line that ends it is then skipped. */
  private skipBlank = false;

  private dispatch(): void {
    if (this.skipBlank) {
      this.skipBlank = false;
      return;
    }
    if (!this.hasData) return;
    this.hasData = false;
    const data = this.joined ? Buffer.concat(this.joined) : (this.pending ?? Buffer.alloc(0));
    this.joined = undefined;
    this.pending = undefined;
    this.onData(data, 0, data.length);
  }
}
