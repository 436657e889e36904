// An HTTP endpoint: POSTs a JSON body built from a template and reads the answer at a dotted path
// (for an OpenAI-compatible server: `choices.0.message.content`).
import { GantryError } from '../../errors/index.js';
import { renderTemplate } from '../config/render-template.js';
import type { Target } from '../types.js';

export interface HttpTargetOptions {
  url: string;
  method?: 'POST' | 'PUT' | 'GET';
  headers?: Record<string, string>;
  /** A JSON value whose strings are templates; default `{ "input": "{{input}}" }`. */
  body?: unknown;
  /** Dotted path to the answer in the JSON response; the whole body as text when left out. */
  outputPath?: string;
}

function renderDeep(value: unknown, variables: Record<string, unknown>): unknown {
  if (typeof value === 'string') return renderTemplate(value, variables);
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, variables));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, variables)]));
  }
  return value;
}

export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function httpTarget({
  url,
  method = 'POST',
  headers = {},
  body = { input: '{{input}}' },
  outputPath,
}: HttpTargetOptions): Target {
  return {
    name: url,
    fingerprint: JSON.stringify({ url, method, headers: Object.keys(headers).sort(), body, outputPath }),
    async run(input, context) {
      const variables = { ...context.example.vars, input };
      const response = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: method === 'GET' ? undefined : JSON.stringify(renderDeep(body, variables)),
        signal: context.signal,
      });
      const text = await response.text();
      if (!response.ok) {
        throw new GantryError(
          'EVAL_TARGET_FAILED',
          `${method} ${url} answered ${response.status}: ${text.slice(0, 200)}`,
          {
            hint: 'Check the endpoint is up and accepts this body.',
            details: { status: response.status },
          },
        );
      }
      if (!outputPath) return { output: text };
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new GantryError(
          'EVAL_TARGET_FAILED',
          `${url} did not answer JSON, so outputPath '${outputPath}' cannot be read.`,
          {
            hint: 'Remove outputPath to score the raw body.',
          },
        );
      }
      const answer = readPath(json, outputPath);
      if (answer === undefined) {
        throw new GantryError('EVAL_TARGET_FAILED', `${url}'s answer has nothing at '${outputPath}'.`, {
          hint: `Fix outputPath; the answer's top-level keys are: ${Object.keys(json as object).join(', ')}.`,
        });
      }
      return { output: typeof answer === 'string' ? answer : JSON.stringify(answer) };
    },
  };
}
