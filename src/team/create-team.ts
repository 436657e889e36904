// createTeam: members, a pattern and one budget; run(), stream(), resume(). A team run is stored
// beside its member runs (with a checkpoint of the pattern's state) so that it resumes after a
// crash or an approval without repeating finished turns.
import { newRunId } from '../agent/index.js';
import { GantryError } from '../errors/index.js';
import { defaultTenant } from '../store/index.js';
import type { CallerIdentity } from '../tool/index.js';
import { noopTracer } from '../trace/index.js';
import { runDebate } from './patterns/debate.js';
import { runGroup } from './patterns/group.js';
import { runHandoff } from './patterns/handoff.js';
import type { PatternOutcome } from './patterns/pattern-outcome.js';
import { runSupervisor } from './patterns/supervisor.js';
import { type AgentUsage, TeamBudget } from './team-budget.js';
import type { TeamOptions } from './team-definition.js';
import type { TeamEvent } from './team-events.js';
import type { TeamApproval, TeamResult } from './team-result.js';
import { TeamRuntime, teamCheckpointKind } from './team-runtime.js';
import { type TeamStream, toTeamStream } from './team-stream.js';
import { validateTeam } from './validate-team.js';

export interface TeamRunOptions {
  signal?: AbortSignal;
  /** Who runs the team: passed to every member run (memory scope, tools' permission checks). */
  caller?: CallerIdentity;
  /**
   * The tenant owning the team run and every member run (their approvals are that tenant's over
   * the server's API). Default: `caller.tenant`; on resume, the tenant the team run was stored under.
   */
  tenant?: string;
  /** The id of the team run (default: a new one); its member runs are `<id>.<n>`. */
  teamRunId?: string;
}

export interface Team {
  readonly name: string;
  readonly options: TeamOptions;
  run(task: string, options?: TeamRunOptions): Promise<TeamResult>;
  stream(task: string, options?: TeamRunOptions): TeamStream;
  /** Continues a stored team run (after a crash or an approval); finished member turns are not repeated. */
  resume(teamRunId: string, options?: TeamRunOptions): Promise<TeamResult>;
  streamResume(teamRunId: string, options?: TeamRunOptions): TeamStream;
}

interface TeamCheckpoint {
  kind: typeof teamCheckpointKind;
  version: 1;
  pattern: string;
  task: string;
  state: unknown;
  usage: TeamResult['usage'];
  elapsedMs: number;
  ledger: Record<string, AgentUsage>;
}

export function createTeam(options: TeamOptions): Team {
  validateTeam(options);
  const name = options.name ?? 'team';

  async function execute(
    task: string,
    runOptions: TeamRunOptions,
    emit: (event: TeamEvent) => void,
    streaming: boolean,
    resumed?: TeamCheckpoint & { teamRunId: string },
  ): Promise<TeamResult> {
    const teamRunId = resumed?.teamRunId ?? runOptions.teamRunId ?? newRunId().replace(/^run_/, 'team_');
    const budget = new TeamBudget(
      options.budget ?? {},
      resumed ? { used: resumed.usage, elapsedBeforeMs: resumed.elapsedMs, ledger: resumed.ledger } : {},
    );
    const tracer = options.tracer ?? noopTracer;
    const span = tracer.startSpan(`invoke_team ${name}`, {
      attributes: {
        'gantry.team.name': name,
        'gantry.team.pattern': options.pattern.type,
        'gantry.team.run_id': teamRunId,
      },
    });
    const tenant =
      runOptions.tenant ??
      runOptions.caller?.tenant ??
      (resumed ? await options.store?.agentTenants.runTenant(teamRunId) : undefined);
    const runtime = new TeamRuntime(options, teamRunId, budget, emit, streaming, span, runOptions.signal, {
      ...(runOptions.caller ? { caller: runOptions.caller } : {}),
      ...(tenant !== undefined && tenant !== defaultTenant ? { tenant } : {}),
    });
    if (!resumed && runtime.identity.tenant)
      await options.store?.agentTenants.setRunTenant(teamRunId, runtime.identity.tenant);
    if (!resumed)
      await options.store?.agentRuns.createRun({
        id: teamRunId,
        agentName: `team:${name}`,
        task,
        model: 'team',
      });
    emit({
      type: 'team-start',
      teamRunId,
      pattern: options.pattern.type,
      task,
      resumed: resumed !== undefined,
    });
    let outcome: PatternOutcome;
    try {
      outcome = await runPattern(runtime, task, resumed?.state);
    } catch (error) {
      span.recordError(error);
      span.end('error');
      runtime.dispose();
      await options.store?.agentRuns
        .updateRun(teamRunId, { status: 'failed', stopReason: 'error' })
        .catch(() => {});
      throw error;
    }
    runtime.dispose();
    const stop = runtime.stop ?? outcome.stop;
    const pendingApprovals = await approvalsOf(runtime, outcome);
    const result: TeamResult = {
      teamRunId,
      pattern: options.pattern.type,
      text: outcome.text,
      stopReason: stop.reason,
      stopMessage: stop.message,
      ...(stop.agent ? { stoppedBy: stop.agent } : {}),
      usage: budget.usage(),
      limits: { ...budget.limits },
      overrun: budget.overrun(),
      agents: budget.ledgerObject(),
      turns: outcome.turns,
      handoffs: outcome.handoffs,
      rounds: outcome.rounds,
      pendingApprovals,
    };
    const status =
      stop.reason === 'awaiting-approval'
        ? 'awaiting-approval'
        : stop.reason === 'aborted'
          ? 'aborted'
          : 'completed';
    if (options.store) {
      const saved = (await options.store.agentRuns.getCheckpoint(teamRunId)) as TeamCheckpoint | undefined;
      await runtime.checkpoint(task, saved?.state ?? {}, status);
      await options.store.agentRuns.updateRun(teamRunId, { stopReason: stop.reason, finalText: result.text });
    }
    span.setAttributes({
      'gantry.stop_reason': stop.reason,
      'gantry.steps': result.usage.steps,
      'gantry.tool_calls': result.usage.toolCalls,
    });
    span.end();
    emit({ type: 'team-end', result });
    return result;
  }

  function runPattern(runtime: TeamRuntime, task: string, state: unknown): Promise<PatternOutcome> {
    const pattern = options.pattern;
    switch (pattern.type) {
      case 'supervisor':
        return runSupervisor(runtime, pattern, task);
      case 'handoff':
        return runHandoff(runtime, pattern, task, state as never);
      case 'debate':
        return runDebate(runtime, pattern, task, state as never);
      case 'group':
        return runGroup(runtime, pattern, task, state as never);
    }
  }

  async function load(teamRunId: string): Promise<TeamCheckpoint & { teamRunId: string }> {
    const store = options.store;
    if (!store) {
      throw new GantryError(
        'AGENT_STORE_REQUIRED',
        `Cannot resume team run ${teamRunId}: the team has no store.`,
        {
          hint: 'Create the team with the same store the run was saved in.',
        },
      );
    }
    const run = await store.agentRuns.getRun(teamRunId);
    const checkpoint = (await store.agentRuns.getCheckpoint(teamRunId)) as TeamCheckpoint | undefined;
    if (!run) {
      throw new GantryError('NOT_FOUND', `There is no team run with id ${teamRunId}.`, {
        hint: 'List runs with `gantry runs`; team runs are named team:<name>.',
        details: { teamRunId },
      });
    }
    if (
      run.status === 'completed' ||
      checkpoint?.kind !== teamCheckpointKind ||
      checkpoint.pattern !== options.pattern.type
    ) {
      throw new GantryError(
        'TEAM_RUN_NOT_RESUMABLE',
        run.status === 'completed'
          ? `Team run ${teamRunId} already finished (${run.stopReason}).`
          : `Run ${teamRunId} has no checkpoint of a ${options.pattern.type} team to resume from.`,
        {
          hint: 'Resume with the same team definition the run was started with, or start a new run.',
          details: { teamRunId, status: run.status },
        },
      );
    }
    return { ...checkpoint, teamRunId };
  }

  const silent = () => {};
  return {
    name,
    options,
    run: (task, runOptions = {}) => execute(task, runOptions, silent, false),
    stream: (task, runOptions = {}) => toTeamStream((emit) => execute(task, runOptions, emit, true)),
    resume: async (teamRunId, runOptions = {}) => {
      const checkpoint = await load(teamRunId);
      return execute(checkpoint.task, runOptions, silent, false, checkpoint);
    },
    streamResume: (teamRunId, runOptions = {}) =>
      toTeamStream(async (emit) => {
        const checkpoint = await load(teamRunId);
        return execute(checkpoint.task, runOptions, emit, true, checkpoint);
      }),
  };
}

async function approvalsOf(runtime: TeamRuntime, outcome: PatternOutcome): Promise<TeamApproval[]> {
  const approvals: TeamApproval[] = [];
  for (const approval of outcome.pendingApprovals) {
    const record = await runtime.store?.agentApprovals.getApproval(approval.approvalId);
    const agent = record ? runtime.runAgents.get(record.runId) : undefined;
    approvals.push({
      ...approval,
      ...(agent ? { agent } : {}),
      ...(record ? { runId: record.runId } : {}),
    });
  }
  return approvals;
}
