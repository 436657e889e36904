// Scans a streamed answer incrementally. Span scanners (secrets, PII, URLs, invisible text) run on the
// pending text; everything but the last `holdBack` characters (cut at a word boundary, never inside a
// finding) is released, redacted. A secret split across chunks is therefore still whole when scanned.
// Whole-text classifiers (toxicity, leakage) run every `wholeTextEvery` characters on a window of the
// recent answer (pending text included) and once more on the full answer at end().
import { redactFindings, resolveOverlaps } from '../redact-findings.js';
import type { Direction } from '../types.js';
import { type GuardPolicy, type PolicyAction, type PolicyFinding, strongest } from './create-guard-policy.js';

export interface StreamStep {
  /** Text safe to send on now (may be empty). */
  emit: string;
  findings: PolicyFinding[];
  /** True once a blocking finding was seen: send nothing more and end the stream. */
  blocked: boolean;
}

export interface StreamGuard {
  push(delta: string): StreamStep;
  end(): StreamStep & { action: PolicyAction };
}

export interface StreamGuardOptions {
  holdBack?: number;
  direction?: Direction;
  /** Pending text is released regardless once it grows past this (a very long unbroken token). */
  maximumPending?: number;
  /**
   * Characters between classifier checks during the stream, each on the last 4× this many characters
   * (default 256; 0 = only at the end). With `holdBack` ≥ this, offending text is stopped before any of
   * it is released; otherwise up to this many characters of it may go out first.
   */
  wholeTextEvery?: number;
  /**
   * The passages the answer should be grounded in: the groundedness rule checks the complete answer
   * against them at end() (never a partial answer, whose last sentence is unfinished).
   */
  sources?: readonly string[];
}

export function createStreamGuard(policy: GuardPolicy, options: StreamGuardOptions = {}): StreamGuard {
  const { holdBack = 96, direction = 'output', maximumPending = 8192, wholeTextEvery = 256 } = options;
  const applies = (rule: GuardPolicy['rules'][number]) =>
    rule.directions.length === 0 || rule.directions.includes(direction);
  const rules = policy.rules.filter((rule) => rule.streamable && applies(rule));
  const wholeTextRules = policy.rules.filter((rule) => !rule.streamable && applies(rule));
  let checkedUpTo = 0;
  const wholeTextSeen = new Set<string>();

  /** Whole-text rules (classifiers, leakage) on everything so far; new findings only. */
  const checkWholeText = (text: string, final = false): PolicyFinding[] => {
    const found: PolicyFinding[] = [];
    const context = final && options.sources ? { direction, sources: options.sources } : { direction };
    for (const rule of wholeTextRules) {
      for (const finding of rule.scan(text, context).findings) {
        // Each unsupported claim is its own finding (its span tells them apart).
        const key = `${rule.name}:${finding.type}${rule.name === 'groundedness' ? `:${finding.start}` : ''}`;
        if (wholeTextSeen.has(key)) continue;
        wholeTextSeen.add(key);
        found.push({ ...finding, action: rule.action, rule: rule.name });
      }
    }
    for (const f of found) action = strongest(action, f.action === 'log' ? 'allow' : f.action);
    return found;
  };
  let pending = '';
  let full = '';
  let blocked = false;
  let action: PolicyAction = 'allow';
  const reported = new Set<string>();

  const scanPending = (): PolicyFinding[] => {
    const found: PolicyFinding[] = [];
    for (const rule of rules) {
      for (const finding of rule.scan(pending).findings)
        if (finding.start !== undefined) found.push({ ...finding, action: rule.action, rule: rule.name });
    }
    return resolveOverlaps(found) as PolicyFinding[];
  };

  const release = (final: boolean): StreamStep => {
    if (blocked) return { emit: '', findings: [], blocked };
    const findings = scanPending();
    if (findings.some((f) => f.action === 'block')) {
      blocked = true;
      action = 'block';
      pending = '';
      return { emit: '', findings, blocked };
    }
    let cut = pending.length;
    if (!final) {
      cut = Math.max(0, pending.length - holdBack);
      const space = pending.lastIndexOf(' ', cut);
      const newline = pending.lastIndexOf('\n', cut);
      const boundary = Math.max(space, newline);
      cut = boundary >= 0 ? boundary + 1 : pending.length > maximumPending ? cut : 0;
      for (const finding of findings) if (finding.start! < cut && finding.end! > cut) cut = finding.start!;
    }
    const ready = findings.filter((f) => f.end! <= cut);
    const fresh = ready.filter((f) => {
      const key = `${full.length + f.start!}:${f.type}`;
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    });
    const toRedact = ready.filter((f) => f.action === 'redact');
    for (const f of ready) action = strongest(action, f.action === 'log' ? 'allow' : f.action);
    const emit = redactFindings(pending.slice(0, cut), toRedact, (f) => {
      const replace = rules.find((rule) => rule.name === (f as PolicyFinding).rule)?.replace;
      return replace ? replace(f) : `[${f.type}]`;
    });
    full += pending.slice(0, cut);
    pending = pending.slice(cut);
    return { emit, findings: fresh, blocked };
  };

  return {
    push(delta) {
      if (blocked) return { emit: '', findings: [], blocked };
      pending += delta;
      // Every `wholeTextEvery` characters the classifiers read the recent answer, pending text included,
      // so that a toxic or leaking answer is stopped before the offending part is released.
      if (
        wholeTextRules.length &&
        wholeTextEvery > 0 &&
        full.length + pending.length - checkedUpTo >= wholeTextEvery
      ) {
        // A window of recent text: on the whole answer, one insult in a long text is diluted away.
        const sofar = full + pending;
        const early = checkWholeText(sofar.slice(-4 * wholeTextEvery));
        checkedUpTo = sofar.length;
        if (early.some((f) => f.action === 'block')) {
          blocked = true;
          pending = '';
          return { emit: '', findings: early, blocked };
        }
        const step = release(false);
        return { ...step, findings: [...early, ...step.findings] };
      }
      return release(false);
    },
    end() {
      const last = release(true);
      if (blocked) return { ...last, action: 'block' };
      // Whole-text checks on the complete answer: they can flag it, or block (too late to recall text
      // already sent, but the stream ends with an error instead of a normal finish).
      const wholeText = checkWholeText(full, true);
      if (wholeText.some((f) => f.action === 'block')) blocked = true;
      return { emit: last.emit, findings: [...last.findings, ...wholeText], blocked, action };
    },
  };
}
