// The whole configuration: one zod schema, one section per subsystem (each in sections/).
import { z } from 'zod';
import { agentSection } from './sections/agent.js';
import { cachingSection } from './sections/caching.js';
import { costSection } from './sections/cost.js';
import { databaseSection } from './sections/database.js';
import { evalSection } from './sections/eval.js';
import { gatewaySection } from './sections/gateway.js';
import { guardSection } from './sections/guard.js';
import { jobsSection } from './sections/jobs.js';
import { memorySection } from './sections/memory.js';
import { modelsSection, providersSection } from './sections/models.js';
import { ragSection } from './sections/rag.js';
import { securitySection } from './sections/security.js';
import { serverSection } from './sections/server.js';
import { tracingSection } from './sections/tracing.js';

export const configSchema = z
  .object({
    database: databaseSection,
    server: serverSection,
    providers: providersSection,
    models: modelsSection,
    tracing: tracingSection,
    agent: agentSection,
    rag: ragSection,
    gateway: gatewaySection,
    guard: guardSection,
    eval: evalSection,
    security: securitySection,
    memory: memorySection,
    /** Serve the `demo` model (a simulator); default: only when no model, route or upstream is configured. */
    demo: z.boolean().optional(),
    caching: cachingSection,
    cost: costSection,
    jobs: jobsSection,
  })
  .strict();

export type GantryConfig = z.infer<typeof configSchema>;
export type GantryConfigInput = z.input<typeof configSchema>;
