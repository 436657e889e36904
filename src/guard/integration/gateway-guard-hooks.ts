// Adapts a guard policy to the gateway's hook points (src/gateway/hooks.ts) without importing the
// gateway: the shapes below match its `GatewayHooks` structurally, so the dependency stays
// gateway → guard. Requests are checked message by message (direction input, or tool-result for
// `tool` messages); answers go through a stream guard with hold-back.
import { createHash } from 'node:crypto';
import { numberedSources } from '../grounding/index.js';
import type { GuardMonitor } from '../monitor/index.js';
import {
  createStreamGuard,
  type GuardPolicy,
  type PolicyDecision,
  type PolicyFinding,
  type PolicyResolver,
} from '../policy/index.js';
import type { Direction } from '../types.js';

interface HookContext {
  endpoint: string;
  model: string;
  keyId: string | null;
  stream: boolean;
  body: Record<string, unknown>;
}

type BeforeUpstream =
  | { action: 'allow' }
  | { action: 'rewrite'; body: Record<string, unknown> }
  | { action: 'block'; reason: string; details?: Record<string, unknown> };

interface ResponseFilter {
  delta(text: string): string | { stop: string };
  end(): string | { stop: string };
}

export interface GuardGatewayHooks {
  beforeUpstream(context: HookContext): BeforeUpstream | Promise<BeforeUpstream>;
  response(context: HookContext): ResponseFilter | undefined;
}

export interface GuardGatewayHooksOptions {
  /** Characters held back from each answer stream (default 96). */
  holdBack?: number;
  /** Told about every decision with findings (for logs or metrics). */
  onDecision?: (event: {
    direction: Direction;
    model: string;
    keyId: string | null;
    decision: PolicyDecision;
  }) => void;
  /** Records every checked request message and answer (with or without findings) for drift reports. */
  monitor?: GuardMonitor;
  /** Request messages whose decision is remembered (conversation history is resent each turn); 0 = off. */
  cacheSize?: number;
}

const summary = (findings: readonly PolicyFinding[]) =>
  findings.map(({ rule, type, score, action }) => ({
    rule,
    type,
    score: Math.round(score * 1000) / 1000,
    action,
  }));

/** The text of a chat message's content (a string or an array of parts); undefined for other shapes. */
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    const texts = content.flatMap((part) =>
      part && typeof part === 'object' && (part as { type?: unknown }).type === 'text'
        ? [String((part as { text?: unknown }).text ?? '')]
        : [],
    );
    return texts.length ? texts.join('\n') : undefined;
  }
  return undefined;
}

/**
 * The sources a RAG request carries: the numbered passages ("[1] …") of the last request message that
 * lists any (system, developer or user), so that the groundedness rule can check the answer against them.
 */
export function requestSources(body: Record<string, unknown>): string[] {
  const messages = Array.isArray(body.messages) ? (body.messages as Record<string, unknown>[]) : [];
  const texts = messages
    .filter((m) => m.role !== 'assistant' && m.role !== 'tool')
    .map((m) => contentText(m.content));
  if (typeof body.prompt === 'string') texts.push(body.prompt);
  if (typeof body.instructions === 'string') texts.unshift(body.instructions);
  if (typeof body.input === 'string') texts.push(body.input);
  for (let i = texts.length - 1; i >= 0; i--) {
    const text = texts[i];
    if (text === undefined || !text.includes('[1]')) continue;
    const sources = numberedSources(text);
    if (sources.length) return sources;
  }
  return [];
}

interface CheckedText {
  text: string;
  direction: Direction;
  /** Index in body.messages, or -1 for `prompt`, -2 for `input`. */
  at: number;
}

/** The texts of a request to check: each non-system message, or the prompt, or string inputs. */
function collect(body: Record<string, unknown>): CheckedText[] {
  const items: CheckedText[] = [];
  if (Array.isArray(body.messages)) {
    (body.messages as Record<string, unknown>[]).forEach((message, at) => {
      // The operator's own system prompt is trusted: scanning it only produces false positives.
      if (message.role === 'system' || message.role === 'developer') return;
      const text = contentText(message.content);
      if (text !== undefined)
        items.push({ text, direction: message.role === 'tool' ? 'tool-result' : 'input', at });
    });
  } else if (typeof body.prompt === 'string') {
    items.push({ text: body.prompt, direction: 'input', at: -1 });
  } else if (typeof body.input === 'string' || Array.isArray(body.input)) {
    const inputs =
      typeof body.input === 'string'
        ? [body.input]
        : (body.input as unknown[]).filter((i): i is string => typeof i === 'string');
    for (const input of inputs) items.push({ text: input, direction: 'input', at: -2 });
  }
  return items;
}

/** The hook's answer from the decisions on the collected texts: block, rewrite or allow. */
function assemble(body: Record<string, unknown>, decisions: PolicyDecision[]): BeforeUpstream {
  const items = collect(body);
  const findings = decisions.flatMap((d) => d.findings);
  if (decisions.some((d) => d.action === 'block')) {
    const rules = [...new Set(findings.filter((f) => f.action === 'block').map((f) => f.rule))];
    return {
      action: 'block',
      reason: `blocked by the guard policy (${rules.join(', ')})`,
      details: { findings: summary(findings) },
    };
  }
  let rewritten: Record<string, unknown> | undefined;
  items.forEach((item, i) => {
    const decision = decisions[i];
    if (decision.text === item.text) return;
    if (item.at >= 0) {
      rewritten ??= { ...body, messages: [...(body.messages as unknown[])] };
      const messages = rewritten.messages as Record<string, unknown>[];
      messages[item.at] = { ...messages[item.at], content: decision.text };
    } else if (item.at === -1) rewritten = { ...body, prompt: decision.text };
  });
  return rewritten ? { action: 'rewrite', body: rewritten } : { action: 'allow' };
}

export function createGuardGatewayHooks(
  policies: GuardPolicy | PolicyResolver,
  options: GuardGatewayHooksOptions = {},
): GuardGatewayHooks {
  const { holdBack = 96, onDecision, monitor, cacheSize = 2048 } = options;
  // One policy for all traffic, or a resolver that picks one per route (model alias) and key.
  const select = (context: HookContext) =>
    typeof policies === 'function'
      ? policies({ route: context.model, keyId: context.keyId })
      : { name: 'default', policy: policies };
  const record = (
    text: string,
    decision: PolicyDecision,
    direction: Direction,
    context: HookContext,
    name: string,
  ) => {
    // Monitoring must never fail or slow a request: the write is not awaited and errors are dropped.
    monitor
      ?.record(text, decision, {
        direction,
        route: context.model,
        apiKey: context.keyId ?? undefined,
        policy: name,
      })
      .catch(() => {});
  };
  // Chat clients resend the whole conversation every turn: earlier messages are answered from a small
  // cache keyed by a digest (the decisions themselves hold the redacted text) and recorded once.
  const seen = new Map<string, PolicyDecision>();
  const check = (text: string, direction: Direction, context: HookContext) => {
    const { name, policy } = select(context);
    const key = createHash('sha256').update(`${name}\u0000${direction}\u0000${text}`).digest('base64');
    const cached = seen.get(key);
    if (cached) return cached;
    const decision = policy.checkText(text, { direction });
    if (cacheSize > 0) {
      if (seen.size >= cacheSize) seen.delete(seen.keys().next().value!);
      seen.set(key, decision);
    }
    if (decision.findings.length)
      onDecision?.({ direction, model: context.model, keyId: context.keyId, decision });
    record(text, decision, direction, context, name);
    return decision;
  };

  const checkAsync = async (text: string, direction: Direction, context: HookContext) => {
    const { name, policy } = select(context);
    const key = createHash('sha256').update(`${name}\u0000${direction}\u0000${text}`).digest('base64');
    const cached = seen.get(key);
    if (cached) return cached;
    const decision = await policy.checkTextAsync(text, { direction });
    if (cacheSize > 0) {
      if (seen.size >= cacheSize) seen.delete(seen.keys().next().value!);
      seen.set(key, decision);
    }
    if (decision.findings.length)
      onDecision?.({ direction, model: context.model, keyId: context.keyId, decision });
    record(text, decision, direction, context, name);
    return decision;
  };

  return {
    beforeUpstream(context) {
      // Model-backed scanners make the check asynchronous; without them it stays synchronous.
      if (select(context).policy.modelRules.length === 0)
        return assemble(
          context.body,
          collect(context.body).map((item) => check(item.text, item.direction, context)),
        );
      const items = collect(context.body);
      return Promise.all(items.map((item) => checkAsync(item.text, item.direction, context))).then(
        (decisions) => assemble(context.body, decisions),
      );
    },

    response(context) {
      if (context.endpoint === 'embeddings') return undefined;
      const { name, policy } = select(context);
      const sources = policy.rules.some((rule) => rule.name === 'groundedness')
        ? requestSources(context.body)
        : [];
      const guard = createStreamGuard(policy, {
        holdBack,
        direction: 'output',
        ...(sources.length ? { sources } : {}),
      });
      const seen: PolicyFinding[] = [];
      let answer = '';
      const stopReason = () =>
        `answer stopped by the guard policy (${[...new Set(seen.filter((f) => f.action === 'block').map((f) => f.rule))].join(', ')})`;
      return {
        delta(text) {
          answer += text;
          const step = guard.push(text);
          seen.push(...step.findings);
          return step.blocked ? { stop: stopReason() } : step.emit;
        },
        end() {
          const last = guard.end();
          seen.push(...last.findings);
          const decision: PolicyDecision = {
            action: last.blocked ? 'block' : last.action,
            text: '',
            findings: seen,
          };
          if (seen.length)
            onDecision?.({ direction: 'output', model: context.model, keyId: context.keyId, decision });
          record(answer, decision, 'output', context, name);
          return last.blocked ? { stop: stopReason() } : last.emit;
        },
      };
    },
  };
}
