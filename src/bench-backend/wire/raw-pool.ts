// Keep-alive HTTP/1.1 connections to one origin over plain sockets, for the load generator. Lean on
// purpose: one read buffer shared by every plain connection (`onread`), one exchange per connection at a
// time. Reads are timed on arrival and parsed later: when many sockets are ready at once (a thousand
// streams whose servers emit a token in the same step), the event loop first takes every read, stamping
// and copying it (a few µs each), and parses the batch after (setImmediate), so that the last read of a
// batch is not stamped late by the parsing of all those before it. A request
// on a reused connection that the server had closed meanwhile is sent again on a new one, once, when
// no byte of its answer had arrived.
import net from 'node:net';
import tls from 'node:tls';
import { type ResponseHandler, ResponseReader } from './response-reader.js';

export interface Exchange extends ResponseHandler {
  /** The request failed (connection refused or lost, timeout, malformed answer). */
  onError(error: Error): void;
}

/** What a request needs of a pool: RawPool (reads stamped on this thread) or ThreadedPool (on its own). */
export interface WirePool {
  /** Sends a whole request (head and body, already serialised) and reads the answer into `exchange`. */
  send(request: Buffer, exchange: Exchange): void;
  close(): Promise<void>;
}

/** performance.now() when the read being handled arrived: the timestamp of every event in it. */
export const readClock = { now: 0 };

/**
 * How reads are parsed. `sliceMs`: the longest a parsing pass runs before it yields to the event loop,
 * which then takes (and stamps) the reads that came meanwhile; 0 parses every queued read in one pass.
 */
export const wireTiming = { sliceMs: 0.2 };

/** Instrumentation for bench/backend (off by default): every read's arrival and every parsing pass. */
export const wireTrace: {
  onRead?: (at: number, bytes: number) => void;
  onPass?: (start: number, end: number, reads: number) => void;
  /** ThreadedPool with `sched`: the wire thread's scheduler counters (ns on CPU, ns runnable but waiting
   * for a CPU; /proc/thread-self/schedstat) as of `at` (this thread's clock), with each batch. */
  onSched?: (at: number, cpuNs: number, waitNs: number) => void;
} = {};

const shared = Buffer.allocUnsafe(256 * 1024);

/** Reads taken and not yet parsed: connection, bytes (a copy), arrival time. */
const queuedConnections: Connection[] = [];
const queuedBytes: Buffer[] = [];
const queuedTimes: number[] = [];
let drainScheduled = false;
let cursor = 0;

function enqueue(connection: Connection, bytes: Buffer, at: number): void {
  queuedConnections.push(connection);
  queuedBytes.push(bytes);
  queuedTimes.push(at);
  if (!drainScheduled) {
    drainScheduled = true;
    setImmediate(drainSlice);
  }
}

/** One parsing pass of at most `wireTiming.sliceMs`; the rest waits for the next turn of the loop. */
function drainSlice(): void {
  drainScheduled = false;
  drain(wireTiming.sliceMs > 0 ? performance.now() + wireTiming.sliceMs : Number.POSITIVE_INFINITY);
}

/**
 * Parses queued reads in arrival order, each under its own arrival time, until `until` (every one by
 * default: a connection's end or failure first parses what came before it).
 */
function drain(until = Number.POSITIVE_INFINITY): void {
  const from = cursor;
  const started = wireTrace.onPass ? performance.now() : 0;
  // A cursor, not a loop index: a failure inside may drain again (re-entrant) and must not repeat reads.
  while (cursor < queuedConnections.length) {
    const i = cursor++;
    readClock.now = queuedTimes[i];
    const bytes = queuedBytes[i];
    queuedConnections[i].bytes(bytes, 0, bytes.length);
    if (cursor < queuedConnections.length && performance.now() >= until) {
      wireTrace.onPass?.(started, performance.now(), cursor - from);
      if (cursor > 4096) {
        // Behind for long: drop what was parsed so that the queue does not only grow.
        queuedConnections.splice(0, cursor);
        queuedBytes.splice(0, cursor);
        queuedTimes.splice(0, cursor);
        cursor = 0;
      }
      if (!drainScheduled) {
        drainScheduled = true;
        setImmediate(drainSlice);
      }
      return;
    }
  }
  if (cursor > from) wireTrace.onPass?.(started, performance.now(), cursor - from);
  queuedConnections.length = 0;
  queuedBytes.length = 0;
  queuedTimes.length = 0;
  cursor = 0;
}

class Connection {
  exchange: Exchange | undefined;
  reader: ResponseReader | undefined;
  received = false;
  dead = false;

  constructor(
    readonly pool: RawPool,
    readonly socket: net.Socket,
  ) {}

  bytes(bytes: Buffer, start: number, end: number): void {
    const exchange = this.exchange;
    const reader = this.reader;
    if (!exchange || !reader) return void this.socket.destroy(); // bytes nobody asked for
    this.received = true;
    let used: number;
    try {
      used = reader.push(bytes, start, end);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (reader.done) {
      this.exchange = undefined;
      this.reader = undefined;
      if (reader.keepAlive && used === end - start && !this.dead) this.pool.release(this);
      else this.socket.destroy();
    }
  }

  ended(): void {
    drain(); // reads that came before the end
    this.dead = true;
    const reader = this.reader;
    if (reader && this.exchange) {
      try {
        reader.close();
        this.exchange = undefined;
        this.reader = undefined;
      } catch (error) {
        this.fail(error as Error);
      }
    }
    this.pool.forget(this);
  }

  fail(error: Error): void {
    if (!this.dead && queuedConnections.includes(this)) drain();
    this.dead = true;
    const exchange = this.exchange;
    this.exchange = undefined;
    this.reader = undefined;
    this.socket.destroy();
    this.pool.forget(this);
    if (exchange) this.pool.failed(exchange, error, this);
  }
}

export class RawPool implements WirePool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly retries = new WeakMap<Exchange, Buffer>();
  private readonly host: string;
  private readonly port: number;
  private readonly secure: boolean;
  private closed = false;

  constructor(
    origin: URL,
    private readonly timeoutMs = 120_000,
    /** Extra TLS options for https origins (a private CA: `{ ca }`); NODE_EXTRA_CA_CERTS works too. */
    private readonly tlsOptions: tls.ConnectionOptions = {},
  ) {
    this.secure = origin.protocol === 'https:';
    this.host = origin.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(origin.port) || (this.secure ? 443 : 80);
  }

  /** Sends a whole request (head and body, already serialised) and reads the answer into `exchange`. */
  send(request: Buffer, exchange: Exchange): void {
    if (this.closed) {
      exchange.onError(new Error('the connection pool is closed'));
      return;
    }
    const reused = this.idle.pop();
    const connection = reused ?? this.connect();
    if (reused) this.retries.set(exchange, request);
    connection.exchange = exchange;
    connection.reader = new ResponseReader(exchange);
    connection.received = false;
    connection.socket.setTimeout(this.timeoutMs);
    connection.socket.write(request);
  }

  release(connection: Connection): void {
    connection.socket.setTimeout(0);
    if (this.closed) connection.socket.destroy();
    else this.idle.push(connection);
  }

  forget(connection: Connection): void {
    this.all.delete(connection);
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
  }

  failed(exchange: Exchange, error: Error, connection: Connection): void {
    const request = this.retries.get(exchange);
    this.retries.delete(exchange);
    if (request && !connection.received && !this.closed) {
      this.send(request, exchange);
      return;
    }
    exchange.onError(error);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const connection of this.all) connection.socket.destroy();
    this.all.clear();
    this.idle.length = 0;
  }

  private connect(): Connection {
    let connection: Connection;
    const read = (n: number, buffer: Uint8Array) => {
      const at = performance.now();
      wireTrace.onRead?.(at, n);
      const copy = Buffer.allocUnsafe(n);
      (buffer as Buffer).copy(copy, 0, 0, n);
      enqueue(connection, copy, at);
      return true;
    };
    const socket = this.secure
      ? tls.connect({
          ...this.tlsOptions,
          host: this.host,
          port: this.port,
          // SNI carries host names only (RFC 6066); an IP address is checked against the certificate's IP SANs.
          ...(net.isIP(this.host) ? {} : { servername: this.host }),
          noDelay: true,
        } as tls.ConnectionOptions)
      : net.connect({
          host: this.host,
          port: this.port,
          noDelay: true,
          onread: { buffer: shared, callback: read },
        });
    connection = new Connection(this, socket);
    if (this.secure)
      socket.on('data', (chunk: Buffer) => {
        const at = performance.now();
        wireTrace.onRead?.(at, chunk.length);
        enqueue(connection, chunk, at);
      });
    socket.on('error', (error) => connection.fail(error));
    socket.on('timeout', () => connection.fail(new Error(`no data for ${this.timeoutMs} ms (timed out)`)));
    socket.on('end', () => connection.ended());
    socket.on('close', () => {
      if (!connection.dead) connection.ended();
    });
    this.all.add(connection);
    return connection;
  }
}
