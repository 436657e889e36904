// A team run as a job: the job's id is the team run's id, so a redelivered job resumes the stored
// team run (finished member turns are not repeated) through the team's public resume().
import { GantryError } from '../errors/index.js';
import type { Store } from '../store/index.js';
import type { Team, TeamResult } from '../team/index.js';
import type { JobHandler } from './job-handler.js';
import type { TeamRunJob } from './job-kinds.js';
import { reportStream } from './report-stream.js';

export interface TeamRunHandlerOptions {
  store: Pick<Store, 'agentRuns'>;
  /** The team a job describes (its definition text parsed and built with this worker's configuration). */
  teamFor(data: TeamRunJob): Team;
}

export interface TeamRunJobResult {
  teamRunId: string;
  text: string;
  stopReason: string;
  turns: number;
  resumed: boolean;
}

export function teamRunHandler(options: TeamRunHandlerOptions): JobHandler<'team-run'> {
  return async (data, context) => {
    const team = options.teamFor(data);
    const runOptions = { signal: context.signal, ...(data.tenant ? { tenant: data.tenant } : {}) };
    const existing = await options.store.agentRuns.getRun(data.teamRunId);
    if (existing?.status === 'completed') {
      return {
        teamRunId: data.teamRunId,
        text: existing.finalText ?? '',
        stopReason: existing.stopReason ?? 'done',
        turns: 0,
        resumed: true,
      } satisfies TeamRunJobResult;
    }
    if (existing) {
      try {
        return summary(await reportStream(team.streamResume(data.teamRunId, runOptions), context), true);
      } catch (error) {
        if (!(GantryError.isInstance(error) && error.code === 'TEAM_RUN_NOT_RESUMABLE')) throw error;
        // Never checkpointed: no member turn finished; start again under a derived id.
        const teamRunId = `${data.teamRunId}.${context.attempt}`;
        const stream = team.stream(data.task, { ...runOptions, teamRunId });
        return summary(await reportStream(stream, context), false);
      }
    }
    const stream = team.stream(data.task, { ...runOptions, teamRunId: data.teamRunId });
    return summary(await reportStream(stream, context), false);
  };
}

function summary(result: TeamResult, resumed: boolean): TeamRunJobResult {
  return {
    teamRunId: result.teamRunId,
    text: result.text,
    stopReason: result.stopReason,
    turns: result.turns.length,
    resumed,
  };
}
