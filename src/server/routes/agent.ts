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
import type { AgentRunStatus, Store } from '../../store/index.js';
import type { Tracer } from '../../trace/index.js';
import { sendJson } from '../http-response.js';
import { readJsonBody } from '../read-json-body.js';
import type { Route } from '../router.js';

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
  })
  .strict();
const decisionBody = z.object({ by: z.string().optional(), reason: z.string().optional() }).strict();
const resumeBody = z.object({ wait: z.boolean().default(false) }).strict();
const statuses: AgentRunStatus[] = ['running', 'awaiting-approval', 'completed', 'failed', 'aborted'];

export interface AgentRouteOptions {
  config: GantryConfig;
  store: Pick<Store, 'agentRuns' | 'agentToolCalls' | 'agentApprovals'>;
  tracer: Tracer;
}

export interface AgentRoutes {
  routes: Route[];
  /** Aborts runs still going (server shutdown); their checkpoints let them be resumed later. */
  close(): Promise<void>;
}

export function agentRoutes({ config, store, tracer }: AgentRouteOptions): AgentRoutes {
  const active = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  const limit = config.server.bodyLimitBytes;

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
  ): Promise<{ done: Promise<AgentResult> }> {
    const configured = await createConfiguredAgent({ config, store, tracer, ...spec });
    const controller = new AbortController();
    const abort = () => controller.abort(new Error('the client went away'));
    const done = start(configured.agent, controller.signal, abort).finally(async () => {
      active.delete(runId);
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
        const body = parse(startBody, await readJsonBody(req, limit));
        const runId = newRunId();
        const spec = {
          model: body.model,
          tools: body.tools,
          protocol: body.protocol,
          maximumSteps: body.maximumSteps,
          instructions: body.instructions,
        };
        const runOptions = (signal: AbortSignal) => ({
          runId,
          signal,
          metadata: { ...spec, model: spec.model ?? config.agent.model },
          caller: callerOf(req),
        });
        if (body.stream) {
          const { done } = await launch(runId, spec, (agent, signal, abort) =>
            streamEvents(agent.stream(body.task, runOptions(signal)), res, abort),
          );
          await done.catch(() => {});
          return;
        }
        const { done } = await launch(runId, spec, (agent, signal) =>
          agent.run(body.task, runOptions(signal)),
        );
        if (body.wait) return sendJson(res, 200, publicResult(await done));
        sendJson(res, 202, { runId, status: 'running', links: { run: `/api/runs/${runId}` } });
      },
    },
    {
      method: 'GET',
      path: '/api/runs',
      handler: async (req, res) => {
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
        const status = query.get('status') ?? undefined;
        if (status && !statuses.includes(status as AgentRunStatus)) {
          throw new GantryError(
            'REQUEST_INVALID',
            `status must be one of ${statuses.join(', ')}, got '${status}'.`,
          );
        }
        const count = Math.min(Number(query.get('limit') ?? 20) || 20, 500);
        sendJson(res, 200, {
          data: await store.agentRuns.listRuns({
            limit: count,
            status: status as AgentRunStatus | undefined,
          }),
        });
      },
    },
    {
      method: 'GET',
      path: '/api/runs/:id',
      handler: async (_req, res, { id }) => {
        const run = await store.agentRuns.getRun(id);
        if (!run) throw notFound(id);
        const checkpoint = await store.agentRuns.getCheckpoint<{ messages?: unknown[] }>(id);
        const approvals = await store.agentApprovals.listApprovals({ runId: id });
        sendJson(res, 200, { ...run, messages: checkpoint?.messages ?? [], approvals });
      },
    },
    {
      method: 'POST',
      path: '/api/runs/:id/resume',
      handler: async (req, res, { id }) => {
        const body = parse(resumeBody, await optionalBody(req, limit));
        if (active.has(id))
          throw new GantryError('AGENT_RUN_NOT_RESUMABLE', `Run ${id} is still running in this server.`, {
            hint: 'Wait for it to pause or finish.',
          });
        const run = await store.agentRuns.getRun(id);
        if (!run) throw notFound(id);
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
        const { done } = await launch(
          id,
          {
            model: meta.model ?? run.model,
            tools: meta.tools ?? [],
            protocol: meta.protocol,
            instructions: meta.instructions,
          },
          (agent, signal) => agent.resume(id, { signal, caller: callerOf(req) }),
        );
        if (body.wait) return sendJson(res, 200, publicResult(await done));
        sendJson(res, 202, { runId: id, status: 'running', links: { run: `/api/runs/${id}` } });
      },
    },
    {
      method: 'GET',
      path: '/api/approvals',
      handler: async (req, res) => {
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
        const status = (query.get('status') ?? 'pending') as 'pending' | 'approved' | 'rejected';
        sendJson(res, 200, {
          data: await store.agentApprovals.listApprovals({ status, runId: query.get('runId') ?? undefined }),
        });
      },
    },
    {
      method: 'POST',
      path: '/api/approvals/:id/approve',
      handler: async (req, res, { id }) => {
        const body = parse(decisionBody, await optionalBody(req, limit));
        sendJson(res, 200, await approveToolCall(store, id, { decidedBy: body.by ?? callerOf(req)?.id }));
      },
    },
    {
      method: 'POST',
      path: '/api/approvals/:id/reject',
      handler: async (req, res, { id }) => {
        const body = parse(decisionBody, await optionalBody(req, limit));
        sendJson(
          res,
          200,
          await rejectToolCall(store, id, { reason: body.reason, decidedBy: body.by ?? callerOf(req)?.id }),
        );
      },
    },
  ];

  return {
    routes,
    async close() {
      for (const { controller } of active.values()) controller.abort(new Error('server shutting down'));
      await Promise.allSettled([...active.values()].map((run) => run.done));
    },
  };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  throw new GantryError('REQUEST_INVALID', `Invalid request body: ${issues}.`, {
    details: { issues: result.error.issues },
  });
}

async function optionalBody(req: IncomingMessage, limit: number): Promise<unknown> {
  if (!req.headers['content-type'] || req.headers['content-length'] === '0') {
    req.resume();
    return {};
  }
  return readJsonBody(req, limit);
}

function callerOf(req: IncomingMessage): { id: string } | undefined {
  const user = req.headers['x-gantry-user'];
  return typeof user === 'string' && user ? { id: user } : undefined;
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
