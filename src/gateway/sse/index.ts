export { type SseEvent, SseParser } from './sse-parser.js';
