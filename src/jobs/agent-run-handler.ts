// An agent run as a job. The job's id is the run's id, so a redelivered job (its worker died, or the
// attempt failed) finds the run in the store and resumes it from its checkpoint through the agent's
// public resume(): tool calls recorded as finished are replayed from the store, not executed again.
import type { Agent, AgentResult } from '../agent/index.js';
import { GantryError } from '../errors/index.js';
import type { Store } from '../store/index.js';
import type { JobContext, JobHandler } from './job-handler.js';
import type { AgentRunJob } from './job-kinds.js';
import { reportStream } from './report-stream.js';

export interface BuiltAgent {
  agent: Agent;
  close?(): Promise<void>;
}

export interface AgentRunHandlerOptions {
  store: Pick<Store, 'agentRuns'>;
  /** The agent for a job: every worker must build the same agent (model, tools, settings) for it. */
  agentFor(data: AgentRunJob): Promise<BuiltAgent>;
}

export interface AgentRunJobResult {
  runId: string;
  text: string;
  stopReason: string;
  steps: number;
  /** True when this delivery continued a run a previous delivery had started. */
  resumed: boolean;
}

export function agentRunHandler(options: AgentRunHandlerOptions): JobHandler<'agent-run'> {
  return async (data, context) => {
    const { agent, close } = await options.agentFor(data);
    try {
      return await runOrResume(agent, options.store, data, context);
    } finally {
      await close?.();
    }
  };
}

async function runOrResume(
  agent: Agent,
  store: AgentRunHandlerOptions['store'],
  data: AgentRunJob,
  context: JobContext,
): Promise<AgentRunJobResult> {
  const runOptions = {
    signal: context.signal,
    ...(data.caller ? { caller: { id: data.caller, ...(data.tenant ? { tenant: data.tenant } : {}) } } : {}),
    ...(data.tenant ? { tenant: data.tenant } : {}),
  };
  const metadata = {
    model: data.model,
    tools: data.tools ?? [],
    protocol: data.protocol,
    instructions: data.instructions,
  };
  // The latest run an earlier delivery stored: the job's id, or a derived one (see below).
  for (let attempt = context.attempt; attempt >= 1; attempt--) {
    const runId = attempt === 1 ? data.runId : `${data.runId}.${attempt}`;
    const existing = await store.agentRuns.getRun(runId);
    if (!existing) continue;
    if (existing.status === 'completed') {
      // The run finished but its worker died before acknowledging the job: nothing runs again.
      return {
        runId,
        text: existing.finalText ?? '',
        stopReason: existing.stopReason ?? 'final-answer',
        steps: existing.stepCount,
        resumed: true,
      };
    }
    try {
      return summary(await reportStream(agent.streamResume(runId, runOptions), context), true);
    } catch (error) {
      // Stored but never checkpointed: that delivery died before its first model reply, so no
      // tool ran. The run starts again under an id derived from this delivery (the first is taken).
      if (!(GantryError.isInstance(error) && error.code === 'AGENT_RUN_NOT_RESUMABLE')) throw error;
      const fresh = `${data.runId}.${context.attempt}`;
      if (fresh === runId) throw error;
      const stream = agent.stream(data.task, { ...runOptions, runId: fresh, metadata });
      return summary(await reportStream(stream, context), false);
    }
  }
  const stream = agent.stream(data.task, { ...runOptions, runId: data.runId, metadata });
  return summary(await reportStream(stream, context), false);
}

function summary(result: AgentResult, resumed: boolean): AgentRunJobResult {
  return {
    runId: result.runId,
    text: result.text,
    stopReason: result.stopReason,
    steps: result.steps,
    resumed,
  };
}
