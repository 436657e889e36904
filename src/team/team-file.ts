// team.yaml: a team as data (members, models, tools, pattern, budget, allowlists), validated
// with zod so that every mistake names its field, then built into a Team. A model is a
// 'provider:model' spec (or an alias from the configuration), or an inline `scripted:` list of
// replies, which runs anywhere without a backend.
import { readFileSync } from 'node:fs';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { builtInTool } from '../agent/index.js';
import type { GantryConfig } from '../config/index.js';
import { GantryError } from '../errors/index.js';
import { createScriptedModel, resolveModel, type ScriptedStep } from '../model/index.js';
import type { Store } from '../store/index.js';
import type { AnyTool } from '../tool/index.js';
import type { Tracer } from '../trace/index.js';
import { createTeam, type Team } from './create-team.js';
import type { TeamMember, TeamPattern } from './team-definition.js';

const limits = z
  .object({
    steps: z.number().int().nonnegative().optional(),
    inputTokens: z.number().int().nonnegative().optional(),
    outputTokens: z.number().int().nonnegative().optional(),
    totalTokens: z.number().int().nonnegative().optional(),
    costUsd: z.number().nonnegative().optional(),
    durationMs: z.number().int().nonnegative().optional(),
    toolCalls: z.number().int().nonnegative().optional(),
  })
  .strict();

const scriptedReply = z
  .object({
    text: z.string().optional(),
    toolCalls: z.array(z.object({ toolName: z.string(), input: z.unknown() }).strict()).optional(),
    usage: z
      .object({ inputTokens: z.number().optional(), outputTokens: z.number().optional() })
      .strict()
      .optional(),
    delayMs: z.number().int().nonnegative().optional(),
  })
  .strict();

const model = z.union([
  z.string().min(1),
  z.object({ scripted: z.array(scriptedReply).min(1), loop: z.boolean().default(false) }).strict(),
]);

const history = z.union([
  z.enum(['full', 'summary', 'none']),
  z.object({ lastN: z.number().int().nonnegative() }).strict(),
]);

const member = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'use 1 to 64 letters, digits, _ or -'),
    model: model.optional(),
    description: z.string().optional(),
    instructions: z.string().optional(),
    tools: z.array(z.string()).default([]),
    budget: limits.optional(),
    maxSteps: z.number().int().positive().optional(),
    workers: z.array(z.string()).optional(),
    returns: z.enum(['summary', 'transcript']).optional(),
    handoffs: z.array(z.string()).optional(),
    history: history.optional(),
    role: z.string().optional(),
    protocol: z.enum(['auto', 'native', 'json', 'react']).optional(),
    maxOutputTokens: z.number().int().positive().optional(),
  })
  .strict();

const pattern = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('supervisor'),
      root: z.string(),
      maxDepth: z.number().int().positive().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('handoff'),
      entry: z.string(),
      history: history.optional(),
      maxHandoffs: z.number().int().nonnegative().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('debate'),
      debaters: z.array(z.string()).min(2),
      rounds: z.number().int().positive(),
      judge: z.string().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('group'),
      members: z.array(z.string()).min(1),
      speaker: z
        .union([z.literal('round-robin'), z.object({ selector: z.string() }).strict()])
        .default('round-robin'),
      maxTurns: z.number().int().positive(),
      doneMarker: z.string().min(1).optional(),
      repeatLimit: z.number().int().positive().optional(),
    })
    .strict(),
]);

export const teamFileSchema = z
  .object({
    name: z.string().min(1).default('team'),
    /** The model of every member that names none. */
    model: model.optional(),
    budget: limits.default({}),
    onWorkerStall: z.enum(['stop', 'report']).optional(),
    pattern,
    members: z.array(member).min(1),
  })
  .strict();

export type TeamFile = z.infer<typeof teamFileSchema>;

/** Reads and validates a team file; every problem is reported with its field. */
export function readTeamFile(path: string): TeamFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new GantryError(
      'FILE_NOT_FOUND',
      `Cannot read the team file ${path}: ${(error as Error).message}`,
      {
        hint: 'Give the path of a team.yaml; docs/teams.md has examples.',
        details: { path },
      },
    );
  }
  return parseTeamFile(text, path);
}

export function parseTeamFile(text: string, source = 'team.yaml'): TeamFile {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new GantryError(
      'TEAM_DEFINITION_INVALID',
      `${source} is not valid YAML: ${(error as Error).message}`,
      {
        hint: 'Check the indentation and quoting near the line named.',
      },
    );
  }
  const parsed = teamFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`,
    );
    throw new GantryError('TEAM_DEFINITION_INVALID', `${source} is not valid: ${problems.join('; ')}.`, {
      hint: 'Fix the fields listed; docs/teams.md describes every field of team.yaml.',
      details: { problems },
    });
  }
  const file = parsed.data;
  const missing = file.members.filter((m) => !m.model && !file.model).map((m) => m.name);
  if (missing.length > 0) {
    throw new GantryError(
      'TEAM_DEFINITION_INVALID',
      `${source} is not valid: members ${missing.join(', ')} have no model and there is no team-wide model.`,
      { hint: "Give each member a model ('provider:model' or scripted:), or set model: at the top." },
    );
  }
  return file;
}

export interface TeamFromFileOptions {
  config: GantryConfig;
  store?: Store;
  tracer?: Tracer;
}

/** Builds the team a validated file describes (models resolved, tools looked up by name). */
export function teamFromFile(file: TeamFile, options: TeamFromFileOptions): Team {
  const members: TeamMember[] = file.members.map(({ model: spec, tools, ...rest }) => {
    const chosen = (spec ?? file.model)!;
    const built = buildModel(chosen, rest.name, options.config);
    return {
      ...rest,
      model: built.model,
      ...(built.modelName ? { modelName: built.modelName } : {}),
      tools: tools.map((name): AnyTool => {
        const tool = builtInTool(name, options.config);
        // As for single agents: configuration can put any tool behind approval.
        return options.config.agent.requireApproval.includes(name) ? { ...tool, needsApproval: true } : tool;
      }),
    };
  });
  return createTeam({
    name: file.name,
    members,
    pattern: file.pattern as TeamPattern,
    budget: file.budget,
    ...(file.onWorkerStall ? { onWorkerStall: file.onWorkerStall } : {}),
    ...(options.store ? { store: options.store } : {}),
    ...(options.tracer ? { tracer: options.tracer } : {}),
  });
}

function buildModel(
  spec: z.infer<typeof model>,
  memberName: string,
  config: GantryConfig,
): { model: LanguageModelV3; modelName?: string } {
  if (typeof spec === 'string') {
    return { model: resolveModel(spec, { config }), modelName: config.models[spec]?.model ?? spec };
  }
  return {
    model: createScriptedModel(spec.scripted as ScriptedStep[], {
      modelId: memberName,
      provider: 'scripted',
      loop: spec.loop,
      honourMaxOutputTokens: true,
    }),
  };
}
