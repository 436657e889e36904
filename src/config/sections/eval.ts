import { z } from 'zod';

/** Configuration of the eval subsystem. */
export const evalSection = z.object({}).strict().prefault({});
