export * from './scorers/index.js';
export type * from './types.js';
