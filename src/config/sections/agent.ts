import { z } from 'zod';

/** Configuration of the agent subsystem. */
export const agentSection = z.object({}).strict().prefault({});
