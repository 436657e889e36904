// The jobs section with a Redis URL, or a clear error saying how to configure one.
import type { GantryConfig } from '../config/index.js';
import { GantryError } from '../errors/index.js';

export function requireJobsConfig(config: GantryConfig): GantryConfig['jobs'] & { redisUrl: string } {
  const { jobs } = config;
  if (!jobs.redisUrl) {
    throw new GantryError('JOBS_NOT_CONFIGURED', 'No job queue is configured: jobs.redisUrl is not set.', {
      hint: 'Set jobs.redisUrl in gantry.yaml (or GANTRY_JOBS__REDIS_URL=redis://127.0.0.1:6379) on the producers and on every `gantry worker`. See docs/jobs.md.',
    });
  }
  return { ...jobs, redisUrl: jobs.redisUrl };
}
