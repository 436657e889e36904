export { cacheKey, isCacheable } from './cache-key.js';
