// The agent API: start runs (in the background, or waiting for the result), list and read them,
// decide approvals, and resume paused or crashed runs. Runs go to the same store as the CLI's.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  type AgentResult,
  type AgentStream,
  approveToolCall,
  createConfiguredAgent,
  newRunId,
  type ProtocolChoice,
  rejectToolCall,
} from '../../agent/index.js';
import type { GantryConfig } from '../../config/index.js';
import { GantryError } from '../../errors/index.js';
import type { AgentApprovalStatus, AgentRunStatus, Store } from '../../store/index.js';
import type { Tracer } from '../../trace/index.js';
import { checkApiModel, checkApiTools, createTenantRunSlots, principalOf } from '../auth/index.js';
import { sendJson } from '../http-response.js';
import { parseRequestBody } from '../parse-request-body.js';
import { readJsonBody } from '../read-json-body.js';
import type { Route } from '../router.js';
import { lazyJobQueue } from './enqueue-run.js';

const startBody = z
  .object({
    task: z.string().min(1),
    model: z.string().optional(),
    tools: z.array(z.string()).default([]),
    protocol: z.enum(['auto', 'native', 'json', 'react']).optional(),
    maximumSteps: z.number().int().positive().optional(),
    instructions: z.string().optional(),
    /** Answer with the result when the run ends (default: 202 at once, poll GET /api/runs/:id). */
    wait: z.boolean().default(false),
    /** Answer with the run's events as server-sent events, as they happen. */
    stream: z.boolean().default(false),
    /** Put the run on the job queue (jobs.redisUrl) for `gantry worker` processes: 202 with its id. */
    queue: z.boolean().default(false),
  })
  .strict();
// The approver is the authenticated principal, never a field or header the client chooses.
const decisionBody = z.object({ reason: z.string().max(2_000).optional() }).strict();
const resumeBody = z.object({ wait: z.boolean().default(false) }).strict();
const statuses: AgentRunStatus[] = ['running', 'awaiting-approval', 'completed', 'failed', 'aborted'];

export interface AgentRouteOptions {
  config: GantryConfig;
  store: Pick<Store, 'agentRuns' | 'agentToolCalls' | 'agentApprovals' | 'agentTenants'>;
  tracer: Tracer;
}

export interface AgentRoutes {
  routes: Route[];
  /** Aborts runs still going (server shutdown); their checkpoints let them be resumed later. */
  close(): Promise<void>;
}

export function agentRoutes({ config, store, tracer }: AgentRouteOptions): AgentRoutes {
  const active = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  const slots = createTenantRunSlots(config);
  const limit = config.server.bodyLimitBytes;
  const depth = config.security.maximumJsonDepth;
  const jobQueue = lazyJobQueue(config);

  /** The run, if it belongs to the caller's tenant; NOT_FOUND otherwise (another tenant's run is invisible). */
  async function ownRun(req: IncomingMessage, id: string) {
    const run = await store.agentRuns.getRun(id);
    if (!run || (await store.agentTenants.runTenant(id)) !== principalOf(req).tenant) throw notFound(id);
    return run;
  }

  async function ownApproval(req: IncomingMessage, id: string): Promise<void> {
    const approval = await store.agentApprovals.getApproval(id);
    if (!approval || (await store.agentTenants.runTenant(approval.runId)) !== principalOf(req).tenant) {
      throw new GantryError('NOT_FOUND', `There is no approval with id ${id}.`, {
        hint: 'List pending approvals with GET /api/approvals.',
        details: { approvalId: id },
      });
    }
  }

  async function launch(
    runId: string,
    spec: {
      model?: string;
      tools: string[];
      protocol?: ProtocolChoice;
      maximumSteps?: number;
      instructions?: string;
    },
    start: (
      agent: Awaited<ReturnType<typeof createConfiguredAgent>>['agent'],
      signal: AbortSignal,
      abort: () => void,
    ) => Promise<AgentResult>,
    { tenant, isNew }: { tenant: string; isNew: boolean },
  ): Promise<{ done: Promise<AgentResult> }> {
    // Taken before anything is built or stored: a refused run leaves nothing behind.
    const release = slots.take(tenant);
    let configured: Awaited<ReturnType<typeof createConfiguredAgent>>;
    try {
      // Owned before it exists: no moment where another tenant could list it.
      if (isNew) await store.agentTenants.setRunTenant(runId, tenant);
      configured = await createConfiguredAgent({ config, store, tracer, ...spec });
    } catch (error) {
      release();
      throw error;
    }
    const controller = new AbortController();
    const abort = () => controller.abort(new Error('the client went away'));
    const done = start(configured.agent, controller.signal, abort).finally(async () => {
      active.delete(runId);
      release();
      await configured.close();
    });
    done.catch(() => {}); // failures are stored on the run (status 'failed')
    active.set(runId, { controller, done });
    // Wrapped: an awaited async function would otherwise wait for the whole run.
    return { done };
  }

  const routes: Route[] = [
    {
      method: 'POST',
      path: '/api/runs',
      handler: async (req, res) => {
        const principal = principalOf(req);
        const body = parseRequestBody(startBody, await readJsonBody(req, limit, depth));
        // The tools and the model are the operator's to give: a request narrows them, never widens.
        checkApiTools(config, principal, body.tools);
        checkApiModel(principal, body.model ?? config.agent.model);
        const runId = newRunId();
        const spec = {
          model: body.model,
          tools: body.tools,
          protocol: body.protocol,
          // A request may lower the configured step limit, never raise it.
          maximumSteps: Math.min(body.maximumSteps ?? config.agent.maximumSteps, config.agent.maximumSteps),
          instructions: body.instructions,
        };
        const runOptions = (signal: AbortSignal) => ({
          runId,
          signal,
          metadata: { ...spec, model: spec.model ?? config.agent.model },
          caller: { id: principal.principal, tenant: principal.tenant },
        });
        const owner = { tenant: principal.tenant, isNew: true };
        if (body.queue) {
          const queued = await jobQueue.enqueueRun({
            runId,
            task: body.task,
            ...spec,
            caller: principal.principal,
            tenant: principal.tenant,
          });
          return sendJson(res, 202, queued);
        }
        if (body.stream) {
          const { done } = await launch(
            runId,
            spec,
            (agent, signal, abort) => streamEvents(agent.stream(body.task, runOptions(signal)), res, abort),
            owner,
          );
          await done.catch(() => {});
          return;
        }
        const { done } = await launch(
          runId,
          spec,
          (agent, signal) => agent.run(body.task, runOptions(signal)),
          owner,
        );
        if (body.wait) return sendJson(res, 200, publicResult(await done));
        sendJson(res, 202, { runId, status: 'running', links: { run: `/api/runs/${runId}` } });
      },
    },
    {
      method: 'GET',
      path: '/api/runs',
      handler: async (req, res) => {
        const { tenant } = principalOf(req);
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
        const status = query.get('status') ?? undefined;
        if (status && !statuses.includes(status as AgentRunStatus)) {
          throw new GantryError(
            'REQUEST_INVALID',
            `status must be one of ${statuses.join(', ')}, got '${status.slice(0, 100)}'.`,
          );
        }
        const count = parseLimit(query.get('limit'), 20, 500);
        const ids = await store.agentTenants.listRunIds({ tenant, status, limit: count });
        const runs = await Promise.all(ids.map((id) => store.agentRuns.getRun(id)));
        sendJson(res, 200, { data: runs.filter((run) => run !== undefined) });
      },
    },
    {
      method: 'GET',
      path: '/api/runs/:id',
      handler: async (req, res, { id }) => {
        const run = await ownRun(req, id);
        const checkpoint = await store.agentRuns.getCheckpoint<{ messages?: unknown[] }>(id);
        const approvals = await store.agentApprovals.listApprovals({ runId: id });
        sendJson(res, 200, { ...run, messages: checkpoint?.messages ?? [], approvals });
      },
    },
    {
      method: 'POST',
      path: '/api/runs/:id/resume',
      handler: async (req, res, { id }) => {
        const principal = principalOf(req);
        const body = parseRequestBody(resumeBody, await readJsonBody(req, limit, depth));
        const run = await ownRun(req, id);
        if (active.has(id))
          throw new GantryError('AGENT_RUN_NOT_RESUMABLE', `Run ${id} is still running in this server.`, {
            hint: 'Wait for it to pause or finish.',
          });
        // Checked here, not in the background run, so that the caller gets the 409.
        if (run.status === 'completed') {
          throw new GantryError(
            'AGENT_RUN_NOT_RESUMABLE',
            `Run ${id} already finished (${run.stopReason}).`,
            {
              hint: 'Start a new run with the same task instead.',
              details: { runId: id },
            },
          );
        }
        const checkpoint = await store.agentRuns.getCheckpoint<{
          metadata?: { model?: string; tools?: string[]; protocol?: ProtocolChoice; instructions?: string };
        }>(id);
        const meta = checkpoint?.metadata ?? {};
        // Checked again: the operator may have narrowed the lists since, or another key resumes.
        checkApiTools(config, principal, meta.tools ?? []);
        checkApiModel(principal, meta.model ?? run.model);
        const { done } = await launch(
          id,
          {
            model: meta.model ?? run.model,
            tools: meta.tools ?? [],
            protocol: meta.protocol,
            instructions: meta.instructions,
          },
          (agent, signal) =>
            agent.resume(id, { signal, caller: { id: principal.principal, tenant: principal.tenant } }),
          { tenant: principal.tenant, isNew: false },
        );
        if (body.wait) return sendJson(res, 200, publicResult(await done));
        sendJson(res, 202, { runId: id, status: 'running', links: { run: `/api/runs/${id}` } });
      },
    },
    {
      method: 'GET',
      path: '/api/approvals',
      handler: async (req, res) => {
        const { tenant } = principalOf(req);
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
        const status = query.get('status') ?? 'pending';
        if (!['pending', 'approved', 'rejected'].includes(status)) {
          throw new GantryError('REQUEST_INVALID', 'status must be one of pending, approved, rejected.');
        }
        const runId = query.get('runId') ?? undefined;
        const count = parseLimit(query.get('limit'), 50, 500);
        if (runId !== undefined) {
          // A run's approvals include those of its sub-runs (nested agents), which share its tenant.
          if ((await store.agentTenants.runTenant(runId)) !== tenant) return sendJson(res, 200, { data: [] });
          const approvals = await store.agentApprovals.listApprovals({
            runId,
            status: status as AgentApprovalStatus,
            limit: count,
          });
          const owners = await Promise.all(approvals.map((a) => store.agentTenants.runTenant(a.runId)));
          return sendJson(res, 200, { data: approvals.filter((_, index) => owners[index] === tenant) });
        }
        const ids = await store.agentTenants.listApprovalIds({ tenant, status, limit: count });
        const approvals = await Promise.all(ids.map((id) => store.agentApprovals.getApproval(id)));
        sendJson(res, 200, { data: approvals.filter((approval) => approval !== undefined) });
      },
    },
    {
      method: 'POST',
      path: '/api/approvals/:id/approve',
      handler: async (req, res, { id }) => {
        const principal = principalOf(req);
        parseRequestBody(decisionBody, await readJsonBody(req, limit, depth));
        await ownApproval(req, id);
        sendJson(res, 200, await approveToolCall(store, id, { decidedBy: principal.principal }));
      },
    },
    {
      method: 'POST',
      path: '/api/approvals/:id/reject',
      handler: async (req, res, { id }) => {
        const principal = principalOf(req);
        const body = parseRequestBody(decisionBody, await readJsonBody(req, limit, depth));
        await ownApproval(req, id);
        sendJson(
          res,
          200,
          await rejectToolCall(store, id, { reason: body.reason, decidedBy: principal.principal }),
        );
      },
    },
  ];

  return {
    routes,
    async close() {
      for (const { controller } of active.values()) controller.abort(new Error('server shutting down'));
      await Promise.allSettled([...active.values()].map((run) => run.done));
      await jobQueue.close();
    },
  };
}

/** A whole number in 1..maximum, or the default when absent; 400 otherwise (never NaN or negative). */
function parseLimit(text: string | null, fallback: number, maximum: number): number {
  if (text === null) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new GantryError('REQUEST_INVALID', `limit must be a whole number from 1 to ${maximum}.`, {
      details: { param: 'limit' },
    });
  }
  return Math.min(value, maximum);
}

function notFound(id: string): GantryError {
  return new GantryError('NOT_FOUND', `There is no agent run with id ${id}.`, {
    hint: 'List runs with GET /api/runs.',
    details: { runId: id },
  });
}

function publicResult(result: AgentResult) {
  const { messages: _messages, ...rest } = result;
  return rest;
}

/**
 * Writes a run's events as server-sent events (`event: <type>`, `data: <json>`). A client that goes
 * away aborts the run, which stays resumable; a failure after the headers is sent as an `error` event.
 */
async function streamEvents(
  stream: AgentStream,
  res: ServerResponse,
  abort: () => void,
): Promise<AgentResult> {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.on('close', () => {
    if (!res.writableEnded) abort();
  });
  try {
    for await (const event of stream) {
      const data =
        event.type === 'run-end' ? { type: event.type, result: publicResult(event.result) } : event;
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
    }
    return await stream.result;
  } catch (error) {
    const code = GantryError.isInstance(error) ? error.code : 'INTERNAL';
    res.write(`event: error\ndata: ${JSON.stringify({ code, message: (error as Error).message })}\n\n`);
    throw error;
  } finally {
    res.end();
  }
}
