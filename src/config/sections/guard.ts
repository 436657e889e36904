import { z } from 'zod';

/** Configuration of the guard subsystem. */
export const guardSection = z.object({}).strict().prefault({});
