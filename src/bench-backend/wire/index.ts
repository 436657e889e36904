export { indexOfByte } from './index-of-byte.js';
export { type Exchange, RawPool, readClock, type WirePool, wireTiming, wireTrace } from './raw-pool.js';
export { ResponseError, type ResponseHandler, ResponseReader } from './response-reader.js';
export { ShardedPool } from './sharded-pool.js';
export { type SseDataHandler, SseScanner } from './sse-scanner.js';
export { ThreadedPool, type ThreadedPoolOptions } from './threaded-pool.js';
