export {
  type Admission,
  type GatewayState,
  type LimitName,
  msUntilNextUtcDay,
  type UsageCharge,
  utcDay,
} from './gateway-state.js';
export { leaseScript } from './lease-script.js';
export { createLeases, type LeaseCall, type LeaseOptions, type Leases } from './leased-limits.js';
export { createMemoryState, type MemoryStateOptions } from './memory-state.js';
export { createRedisState, type RedisStateOptions } from './redis-state.js';
