import { z } from 'zod';

/** Configuration of the rag subsystem. */
export const ragSection = z.object({}).strict().prefault({});
