export {
  type HydeOptions,
  hydeSearch,
  type MultiQueryOptions,
  multiQuerySearch,
} from './query-transforms.js';
