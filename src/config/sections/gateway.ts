import { z } from 'zod';

/** Configuration of the gateway subsystem. */
export const gatewaySection = z.object({}).strict().prefault({});
