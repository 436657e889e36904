// The fake upstream's answer (bench-answer.ts) handed to an undici v1 dispatch handler as a Pool hands
// it over (onConnect, onHeaders with a fresh Buffer per raw header name and value, onData,
// onComplete), for benches that leave the sockets out (handler-cost.ts, in-process.ts).
import { benchAnswer } from './bench-answer.js';

export interface PoolHandler {
  onConnect(abort: (reason: Error) => void, context: object): unknown;
  onHeaders(status: number, headers: Buffer[], resume: () => void, statusText: string): unknown;
  onData(chunk: Buffer): unknown;
  onComplete(trailers: Buffer[]): unknown;
}

const answer = Buffer.from(benchAnswer);
const headerText = [
  'Content-Type',
  'application/json',
  'Content-Length',
  String(answer.length),
  'Date',
  'Fri, 04 Dec 2026 15:00:00 GMT',
  'Connection',
  'keep-alive',
  'Keep-Alive',
  'timeout=60',
];
const noop = () => {};

export function answerLikeThePool(handler: PoolHandler): void {
  handler.onConnect(noop, {});
  handler.onHeaders(
    200,
    headerText.map((t) => Buffer.from(t, 'latin1')),
    noop,
    'OK',
  );
  handler.onData(answer);
  handler.onComplete([]);
}
