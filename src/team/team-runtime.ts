// What every pattern runs on: the team's budget, its stop (first one wins, and it aborts every run
// in the team), its events, and `runMember`, which runs one member as a Gantry agent drawing from a
// budget node, with its model behind the admission gate and its workers as tools.
import {
  type AgentResult,
  type Budget,
  type BudgetUsage,
  createAgent,
  type RunState,
  type StopCondition,
} from '../agent/index.js';
import { GantryError } from '../errors/index.js';
import type { AnyTool, CallerIdentity } from '../tool/index.js';
import { noopTracer, type Span } from '../trace/index.js';
import { delegateTool } from './delegate-tool.js';
import { gateModel } from './gated-model.js';
import type { AgentUsage, TeamBudget } from './team-budget.js';
import type { TeamMember, TeamOptions } from './team-definition.js';
import type { TeamEvent } from './team-events.js';
import type { TeamStop } from './team-stop.js';

export interface MemberRun {
  member: TeamMember;
  /** The text the member's run starts from. */
  input: string;
  /** The budget its sub-budget is carved from (the team's root, or its caller's run budget). */
  parent: Budget;
  runId: string;
  parentRunId?: string;
  /** Delegation chain from the top of the team down to this member (itself last). */
  chain: readonly string[];
  extraTools?: readonly AnyTool[];
  stopWhen?: readonly StopCondition[];
  /** The span the run's span goes under (a delegation's tool span); default: the team's. */
  parentSpan?: Pick<Span, 'traceId' | 'spanId'>;
}

export const teamCheckpointKind = 'gantry.team';

export class TeamRuntime {
  readonly controller = new AbortController();
  stop: TeamStop | undefined;
  /** Which member each run id belongs to (for approvals raised deep inside the team). */
  readonly runAgents = new Map<string, string>();
  private readonly members: Map<string, TeamMember>;
  private timer: NodeJS.Timeout | undefined;
  /**
   * The team's spend when no top-level member run was in flight: what a checkpoint saves. A run
   * in flight (or paused) keeps its own spend in its own checkpoint, charged again on resume.
   */
  private settled: { usage: BudgetUsage; ledger: Record<string, AgentUsage> };
  private inFlight = false;

  constructor(
    readonly options: TeamOptions,
    readonly teamRunId: string,
    readonly budget: TeamBudget,
    readonly emit: (event: TeamEvent) => void,
    readonly streaming: boolean,
    readonly span: Span,
    signal?: AbortSignal,
    /** Who runs the team and the tenant owning its runs: passed to every member run. */
    readonly identity: { caller?: CallerIdentity; tenant?: string } = {},
  ) {
    this.members = new Map(options.members.map((member) => [member.name, member]));
    this.settled = { usage: { ...budget.root.used }, ledger: budget.ledgerObject() };
    const onAbort = () => this.halt({ reason: 'aborted', message: 'The team run was aborted.' });
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const duration = budget.limits.durationMs;
    if (duration !== undefined) {
      const left = Math.max(0, duration - budget.root.elapsedMs());
      this.timer = setTimeout(
        () =>
          this.halt({
            reason: 'budget',
            message: `The team reached its time budget (${duration} ms); the calls in flight were aborted.`,
          }),
        left,
      );
      this.timer.unref?.();
    }
  }

  get store() {
    return this.options.store;
  }

  member(name: string): TeamMember {
    const member = this.members.get(name);
    if (!member) {
      throw new GantryError('TEAM_DEFINITION_INVALID', `The team has no member named '${name}'.`, {
        hint: `Members: ${[...this.members.keys()].join(', ')}.`,
        details: { name },
      });
    }
    return member;
  }

  /** Stops the team: the first stop wins, and every run in the team is aborted (resumable). */
  halt(stop: TeamStop): void {
    if (this.stop) return;
    this.stop = stop;
    this.controller.abort(new Error(stop.message));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  async runMember(request: MemberRun): Promise<AgentResult> {
    const topLevel = request.chain.length === 1;
    if (topLevel) this.inFlight = true;
    const result = await this.runMemberOnce(request, topLevel);
    if (topLevel && result.stopReason !== 'awaiting-approval' && result.stopReason !== 'aborted')
      this.inFlight = false;
    return result;
  }

  private async runMemberOnce(request: MemberRun, topLevel: boolean): Promise<AgentResult> {
    const { member } = request;
    this.runAgents.set(request.runId, member.name);
    const existing = this.store ? await this.store.agentRuns.getRun(request.runId) : undefined;
    const saved = existing
      ? ((await this.store!.agentRuns.getCheckpoint(request.runId)) as RunState | undefined)
      : undefined;
    if (existing && topLevel && saved?.usage) {
      // Spent before a crash or a pause, after the team's last checkpoint: counted again now.
      this.budget.root.charge(saved.usage);
      const account = this.budget.account(member.name);
      for (const key of ['steps', 'inputTokens', 'outputTokens', 'costUsd', 'toolCalls'] as const)
        account[key] += saved.usage[key];
    }
    if (existing?.status === 'completed') {
      // Finished before a crash or a pause: its answer is reused, never recomputed.
      const state = saved;
      return {
        runId: request.runId,
        traceId: existing.traceId ?? '',
        text: existing.finalText ?? '',
        stopReason: (existing.stopReason ?? 'final-answer') as AgentResult['stopReason'],
        stopMessage: '',
        forcedFinalAnswer: false,
        steps: existing.stepCount,
        usage: state?.usage ?? { steps: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, toolCalls: 0 },
        protocol: state?.protocol ?? 'native',
        messages: state?.messages ?? [],
        pendingApprovals: [],
      };
    }
    const node = this.budget.carve(member.budget ?? {}, request.parent);
    const account = this.budget.account(member.name);
    account.runs++;
    const modelName = member.modelName ?? `${member.model.provider.split('.')[0]}:${member.model.modelId}`;
    const workers = (member.workers ?? []).map((name) =>
      delegateTool(this, this.member(name), request.chain),
    );
    const tools = [...(member.tools ?? []), ...workers, ...(request.extraTools ?? [])].map(
      (tool): AnyTool => ({
        ...tool,
        execute: (input, context) => {
          account.toolCalls++;
          return tool.execute(input, context);
        },
      }),
    );
    const agent = createAgent({
      name: member.name,
      model: gateModel(member.model, {
        budget: this.budget,
        node,
        agent: member.name,
        modelName,
        halt: (stop) => this.halt(stop),
        signal: this.controller.signal,
      }),
      modelName,
      instructions: instructionsOf(member),
      tools,
      ...(member.protocol ? { protocol: member.protocol } : {}),
      limits: { steps: member.maxSteps ?? 20 },
      ...(request.stopWhen ? { stopWhen: request.stopWhen } : {}),
      // A forced last answer past a limit would be one call over it: a member stops where its budget does.
      finalAnswerOnStop: false,
      store: this.store,
      tracer: this.options.tracer ?? noopTracer,
      maxOutputTokens: member.maxOutputTokens,
      repeatedCallLimit: member.repeatedCallLimit,
      noProgressLimit: member.noProgressLimit,
      maximumRepairs: member.maximumRepairs,
      modelRetries: 0,
    });
    const runOptions = {
      parentBudget: node,
      signal: this.controller.signal,
      parentSpan: request.parentSpan ?? this.span,
      ...(request.parentRunId ? { parentRunId: request.parentRunId } : {}),
      ...(this.identity.caller ? { caller: this.identity.caller } : {}),
      ...(this.identity.tenant ? { tenant: this.identity.tenant } : {}),
      metadata: { team: this.teamRunId, agent: member.name },
    };
    this.emit({
      type: 'agent-start',
      agent: member.name,
      runId: request.runId,
      depth: request.chain.length - 1,
      resumed: existing !== undefined,
    });
    let result: AgentResult;
    if (this.streaming) {
      const stream = existing
        ? agent.streamResume(request.runId, runOptions)
        : agent.stream(request.input, { ...runOptions, runId: request.runId });
      for await (const event of stream)
        this.emit({ type: 'agent-event', agent: member.name, runId: request.runId, event });
      result = await stream.result;
    } else {
      result = existing
        ? await agent.resume(request.runId, runOptions)
        : await agent.run(request.input, { ...runOptions, runId: request.runId });
    }
    this.emit({
      type: 'agent-end',
      agent: member.name,
      runId: request.runId,
      stopReason: result.stopReason,
      text: result.text,
      usage: result.usage,
    });
    this.emit({ type: 'budget', used: this.budget.usage(), limits: this.budget.limits });
    return result;
  }

  /** Saves the team's state beside its member runs (a no-op without a store). */
  async checkpoint(
    task: string,
    state: unknown,
    status: 'running' | 'awaiting-approval' | 'completed' | 'aborted',
  ) {
    if (!this.inFlight)
      this.settled = { usage: { ...this.budget.root.used }, ledger: this.budget.ledgerObject() };
    if (!this.store) return;
    await this.store.agentRuns.updateRun(this.teamRunId, {
      status,
      stepCount: this.budget.root.used.steps,
      inputTokens: this.budget.root.used.inputTokens,
      outputTokens: this.budget.root.used.outputTokens,
      costUsd: this.budget.root.used.costUsd,
      checkpoint: {
        kind: teamCheckpointKind,
        version: 1,
        pattern: this.options.pattern.type,
        task,
        state,
        usage: this.settled.usage,
        elapsedMs: this.budget.root.elapsedMs(),
        ledger: this.settled.ledger,
      },
    });
  }
}

function instructionsOf(member: TeamMember): string | undefined {
  if (!member.role) return member.instructions;
  const role = `Your role in this team: ${member.role}.`;
  return member.instructions ? `${member.instructions}\n\n${role}` : role;
}
