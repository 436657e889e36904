// `script:FILE`: a scripted model read from a JSON or YAML file of turns, so that the CLI (`gantry run
// --model script:turns.json`) and configuration can use a deterministic model that calls tools, offline.
//   { "turns": [ { "toolCalls": [ { "tool": "calculator", "input": { "expression": "17 * 23" } } ] },
//                { "text": "17 × 23 = 391." } ], "loop": false }
// A bare array of turns is accepted too.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { GantryError } from '../errors/index.js';
import { createScriptedModel, type ScriptedModel, type ScriptedStep } from './scripted-model.js';

export const scriptProviderName = 'script';

const toolCall = z
  .object({
    /** The tool's name ('toolName' is accepted as in createScriptedModel). */
    tool: z.string().min(1).optional(),
    toolName: z.string().min(1).optional(),
    input: z.unknown().default({}),
  })
  .strict()
  .refine((call) => call.tool ?? call.toolName, { message: "a tool call needs 'tool' (the tool's name)" });

const turn = z
  .object({
    text: z.string().optional(),
    reasoning: z.string().optional(),
    toolCalls: z.array(toolCall).optional(),
    usage: z
      .object({ inputTokens: z.number().int().min(0), outputTokens: z.number().int().min(0) })
      .partial()
      .strict()
      .optional(),
    delayMs: z.number().int().min(0).optional(),
    /** A failure instead of an answer (HTTP status 429 and 5xx are retryable). */
    error: z.object({ message: z.string(), status: z.number().int().optional() }).strict().optional(),
  })
  .strict();

const scriptFile = z.union([
  z.array(turn).min(1),
  z.object({ turns: z.array(turn).min(1), loop: z.boolean().default(false) }).strict(),
]);

/** Reads FILE (relative to cwd) and returns a scripted model that plays its turns. */
export function loadScriptFileModel(file: string, options: { cwd?: string } = {}): ScriptedModel {
  const path = resolve(options.cwd ?? process.cwd(), file);
  if (!existsSync(path)) {
    throw new GantryError('FILE_NOT_FOUND', `The model script ${path} does not exist.`, {
      hint: "Give the path of a JSON or YAML file of turns after 'script:', relative to this folder.",
      details: { file: path },
    });
  }
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw invalid(path, `cannot parse it: ${(error as Error).message}`);
  }
  const parsed = scriptFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(path, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const { turns, loop } = Array.isArray(parsed.data) ? { turns: parsed.data, loop: false } : parsed.data;
  const steps: ScriptedStep[] = turns.map((entry) =>
    entry.error
      ? { type: 'error', message: entry.error.message, status: entry.error.status, delayMs: entry.delayMs }
      : {
          text: entry.text,
          reasoning: entry.reasoning,
          usage: entry.usage,
          delayMs: entry.delayMs,
          toolCalls: entry.toolCalls?.map((call) => ({
            toolName: (call.tool ?? call.toolName) as string,
            input: call.input,
          })),
        },
  );
  return createScriptedModel(steps, { modelId: file, provider: scriptProviderName, loop });
}

function invalid(path: string, why: string): GantryError {
  return new GantryError('MODEL_SCRIPT_INVALID', `The model script ${path} is not valid: ${why}.`, {
    hint: 'Write { "turns": [ { "toolCalls": [ { "tool": "calculator", "input": { "expression": "2 + 2" } } ] }, { "text": "4" } ] } (see docs/testing.md).',
    details: { file: path },
  });
}
