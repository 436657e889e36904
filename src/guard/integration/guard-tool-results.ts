// Indirect-injection defence for agents: wraps tools so that every result is checked as a
// `tool-result` before the model reads it. Instruction-like content is fenced as untrusted data and
// flagged; secrets and PII are redacted. Tools are matched structurally (no import of src/tool).
import type { GuardPolicy, PolicyDecision } from '../policy/index.js';

interface ToolLike {
  name: string;
  execute: (...args: never[]) => unknown;
}

export interface GuardToolResultsOptions {
  /** Told about each result that produced findings (flag events for the trace, log or monitor). */
  onDecision?: (event: { tool: string; decision: PolicyDecision }) => void;
}

function resultText(output: unknown): string | undefined {
  if (typeof output === 'string') return output;
  if (output && typeof output === 'object') {
    try {
      return JSON.stringify(output);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function guardToolResults<T extends ToolLike>(
  tools: readonly T[],
  policy: GuardPolicy,
  options: GuardToolResultsOptions = {},
): T[] {
  return tools.map((tool) => ({
    ...tool,
    execute: (async (...args: never[]) => {
      const output = await (tool.execute as (...a: never[]) => unknown)(...args);
      const text = resultText(output);
      if (text === undefined) return output;
      const decision = policy.checkText(text, { direction: 'tool-result' });
      if (decision.findings.length === 0) return output;
      options.onDecision?.({ tool: tool.name, decision });
      if (decision.action === 'block')
        return `[tool result withheld by the guard policy: ${[...new Set(decision.findings.map((f) => f.rule))].join(', ')}]`;
      return decision.text === text ? output : decision.text;
    }) as T['execute'],
  }));
}
