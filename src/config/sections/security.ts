import { z } from 'zod';

/** What one tenant may do, across all of its keys. */
const tenantPolicy = z
  .object({
    /** Narrows security.apiTools for this tenant's /api agent runs (never widens it). */
    tools: z.array(z.string().min(1)).optional(),
    /** Gateway limits shared by all of the tenant's keys (each key's own limits apply too). */
    limits: z
      .object({
        requestsPerMinute: z.number().int().positive().optional(),
        tokensPerMinute: z.number().int().positive().optional(),
        concurrentRequests: z.number().int().positive().optional(),
        dailyBudgetUsd: z.number().positive().optional(),
        totalBudgetUsd: z.number().positive().optional(),
      })
      .strict()
      .optional(),
    /** Agent runs of the tenant (POST /api/runs and resumes) in progress at once in this server. */
    concurrentRuns: z.number().int().positive().optional(),
  })
  .strict();

/** How the server authenticates and which requests it accepts at all (see docs/security.md). */
export const securitySection = z
  .object({
    /**
     * Require an API key on every route (/v1, /api, /admin, /metrics when metricsRequireAuth).
     * On a loopback host without it, keyless requests act as the local user (tenant 'default').
     * gateway.auth.required: true has the same effect.
     */
    requireAuth: z.boolean().default(false),
    /**
     * Beyond loopback (server.host not 127.0.0.1/::1/localhost) the server refuses to start unless
     * auth is required. true lets it start and serve /v1 without keys; /api never goes keyless there.
     */
    allowUnauthenticated: z.boolean().default(false),
    /** Host header names accepted besides IP literals and localhost (DNS-rebinding guard). */
    allowedHosts: z.array(z.string().min(1)).default([]),
    /** Browser origins accepted besides the server's own (e.g. 'https://console.example.com'). */
    allowedOrigins: z.array(z.string().min(1)).default([]),
    /** Require a key with the 'admin' scope (or the admin key) for GET /metrics. */
    metricsRequireAuth: z.boolean().default(false),
    /** Unknown API keys remembered (as hashes) so that repeats cost no database lookup. */
    unknownKeyCacheEntries: z.number().int().min(0).max(1_000_000).default(10_000),
    /** Deepest JSON nesting accepted in a request body. */
    maximumJsonDepth: z.number().int().min(1).max(1_000_000).default(64),
    /**
     * Tools an /api agent run may be given (built-in names, 'mcp:<server>' for a configured MCP
     * server). A request names a subset; anything else is 403 AUTH_TOOL_FORBIDDEN.
     */
    apiTools: z.array(z.string().min(1)).default(['calculator', 'web_fetch', 'file_read']),
    /** Per-tenant policy, by tenant name (see docs/security.md). */
    tenants: z.record(z.string(), tenantPolicy).default({}),
  })
  .strict()
  .prefault({});
