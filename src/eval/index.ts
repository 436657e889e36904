export * from './benchmarks/index.js';
export * from './config/index.js';
export * from './environments/index.js';
export * from './judges/index.js';
export * from './reports/index.js';
export * from './runner/index.js';
export * from './scorers/index.js';
export * from './targets/index.js';
export type * from './types.js';
