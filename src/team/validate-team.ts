// Checks a team definition once, where it is made: every name it refers to exists, every number
// is sensible. A mistake fails here with what is wrong and how to fix it, not mid-run.
import { GantryError } from '../errors/index.js';
import type { TeamOptions } from './team-definition.js';

const namePattern = /^[a-zA-Z0-9_-]{1,64}$/;

export function validateTeam(options: TeamOptions): void {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const member of options.members) {
    if (!namePattern.test(member.name))
      problems.push(
        `member name '${member.name}' must be 1 to 64 letters, digits, _ or - (it becomes a tool name)`,
      );
    if (names.has(member.name)) problems.push(`two members are named '${member.name}'`);
    names.add(member.name);
  }
  const known = (name: string, where: string) => {
    if (!names.has(name)) problems.push(`${where} names '${name}', which is not a member`);
  };
  for (const member of options.members) {
    for (const worker of member.workers ?? []) known(worker, `${member.name}.workers`);
    for (const target of member.handoffs ?? []) {
      known(target, `${member.name}.handoffs`);
      if (target === member.name) problems.push(`${member.name}.handoffs names the member itself`);
    }
    if (member.history && typeof member.history === 'object' && !(member.history.lastN >= 0))
      problems.push(`${member.name}.history.lastN must be 0 or more`);
  }
  const pattern = options.pattern;
  switch (pattern.type) {
    case 'supervisor':
      known(pattern.root, 'pattern.root');
      if (pattern.maxDepth !== undefined && !(pattern.maxDepth >= 1))
        problems.push('pattern.maxDepth must be 1 or more');
      break;
    case 'handoff':
      known(pattern.entry, 'pattern.entry');
      if (pattern.maxHandoffs !== undefined && !(pattern.maxHandoffs >= 0))
        problems.push('pattern.maxHandoffs must be 0 or more');
      break;
    case 'debate':
      for (const name of pattern.debaters) known(name, 'pattern.debaters');
      if (pattern.debaters.length < 2) problems.push('a debate needs at least 2 debaters');
      if (!(Number.isInteger(pattern.rounds) && pattern.rounds >= 1))
        problems.push('pattern.rounds must be a whole number, 1 or more');
      if (pattern.judge) known(pattern.judge, 'pattern.judge');
      break;
    case 'group':
      for (const name of pattern.members) known(name, 'pattern.members');
      if (pattern.members.length < 1) problems.push('a group needs at least 1 member');
      if (!(Number.isInteger(pattern.maxTurns) && pattern.maxTurns >= 1))
        problems.push('pattern.maxTurns must be a whole number, 1 or more');
      if (typeof pattern.speaker === 'object') known(pattern.speaker.selector, 'pattern.speaker.selector');
      break;
    default:
      problems.push(`unknown pattern type '${(pattern as { type: string }).type}'`);
  }
  for (const [kind, limit] of Object.entries(options.budget ?? {})) {
    if (limit !== undefined && !(typeof limit === 'number' && limit >= 0))
      problems.push(`budget.${kind} must be a number, 0 or more`);
  }
  if (problems.length > 0) {
    throw new GantryError(
      'TEAM_DEFINITION_INVALID',
      `The team definition is not valid: ${problems.join('; ')}.`,
      {
        hint: 'Fix the names and numbers listed; every member a pattern, worker list or handoff list names must be defined under members.',
        details: { problems },
      },
    );
  }
}
