// Spend from the gateway's usage rows: totals by key, model alias and route, what the exact/semantic
// cache saved (estimated at the mean price of the same alias's uncached requests), and the decisions
// of cost routes (rows whose route differs from the alias the client called).
import { GantryError } from '../errors/index.js';
import type { GatewayUsageRecord } from '../store/index.js';

export interface SpendLine {
  name: string;
  requests: number;
  inputTokens: number;
  /** Of inputTokens, read from / written to the provider's prompt cache. */
  cachedTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface CostReport {
  window: { since: string | null; until: string | null };
  rows: number;
  total: SpendLine;
  byKey: SpendLine[];
  byModel: SpendLine[];
  byRoute: SpendLine[];
  cache: { hits: number; hitRate: number; savedUsd: number };
  /** Per cost-route alias: how many requests each route served, and their cost. */
  routerDecisions: { alias: string; route: string; requests: number; share: number; costUsd: number }[];
}

export interface CostReportWindow {
  since?: number;
  until?: number;
}

export function buildCostReport(
  records: readonly GatewayUsageRecord[],
  window: CostReportWindow = {},
): CostReport {
  const rows = records.filter(
    (r) =>
      (window.since === undefined || r.createdAt >= window.since) &&
      (window.until === undefined || r.createdAt < window.until),
  );
  const group = (name: (r: GatewayUsageRecord) => string) => {
    const lines = new Map<string, SpendLine>();
    for (const r of rows) add(lines, name(r), r);
    return [...lines.values()].sort((a, b) => b.costUsd - a.costUsd || b.requests - a.requests);
  };
  const totals = new Map<string, SpendLine>();
  for (const r of rows) add(totals, 'total', r);
  // Cache savings: each hit would have cost what an uncached request to the same alias costs on average.
  const uncached = new Map<string, { cost: number; count: number }>();
  for (const r of rows) {
    if (r.cached || r.status >= 400) continue;
    const entry = uncached.get(r.model) ?? { cost: 0, count: 0 };
    entry.cost += r.costUsd;
    entry.count++;
    uncached.set(r.model, entry);
  }
  const hits = rows.filter((r) => r.cached);
  const savedUsd = hits.reduce((sum, r) => {
    const entry = uncached.get(r.model);
    return sum + (entry && entry.count > 0 ? entry.cost / entry.count : 0);
  }, 0);
  const perAlias = new Map<string, number>();
  const decisions = new Map<string, { alias: string; route: string; requests: number; costUsd: number }>();
  const routed = rows.filter((r) => !r.cached && r.route !== r.model);
  const aliases = new Set(routed.map((r) => r.model));
  for (const r of rows) {
    if (r.cached || !aliases.has(r.model)) continue;
    perAlias.set(r.model, (perAlias.get(r.model) ?? 0) + 1);
    const key = `${r.model}\u0000${r.route}`;
    const entry = decisions.get(key) ?? { alias: r.model, route: r.route, requests: 0, costUsd: 0 };
    entry.requests++;
    entry.costUsd += r.costUsd;
    decisions.set(key, entry);
  }
  return {
    window: {
      since: window.since === undefined ? null : new Date(window.since).toISOString(),
      until: window.until === undefined ? null : new Date(window.until).toISOString(),
    },
    rows: rows.length,
    total: totals.get('total') ?? emptyLine('total'),
    byKey: group((r) => r.keyId ?? '(anonymous)'),
    byModel: group((r) => r.model),
    byRoute: group((r) => r.route),
    cache: { hits: hits.length, hitRate: rows.length ? hits.length / rows.length : 0, savedUsd },
    routerDecisions: [...decisions.values()]
      .map((d) => ({ ...d, share: d.requests / (perAlias.get(d.alias) ?? 1) }))
      .sort((a, b) => a.alias.localeCompare(b.alias) || b.requests - a.requests),
  };
}

function add(lines: Map<string, SpendLine>, name: string, r: GatewayUsageRecord): void {
  const line = lines.get(name) ?? emptyLine(name);
  line.requests++;
  line.inputTokens += r.inputTokens;
  line.cachedTokens += r.cachedTokens ?? 0;
  line.cacheWriteTokens += r.cacheWriteTokens ?? 0;
  line.outputTokens += r.outputTokens;
  line.costUsd += r.costUsd;
  lines.set(name, line);
}

function emptyLine(name: string): SpendLine {
  return {
    name,
    requests: 0,
    inputTokens: 0,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    costUsd: 0,
  };
}

/** `24h`, `7d`, `30m` (before `now`) or an ISO date → epoch milliseconds. */
export function parseReportTime(text: string, now = Date.now()): number {
  const duration = /^(\d+(?:\.\d+)?)\s*(m|h|d|w)$/.exec(text.trim());
  if (duration) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[
      duration[2] as 'm' | 'h' | 'd' | 'w'
    ];
    return now - Number(duration[1]) * unit;
  }
  const parsed = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && Number.isFinite(parsed)) return parsed;
  throw new GantryError('COST_REPORT_WINDOW_INVALID', `'${text}' is neither a duration nor an ISO date.`, {
    hint: 'Use a duration before now (30m, 24h, 7d, 2w) or an ISO date (2026-12-01 or 2026-12-01T08:00:00Z).',
  });
}
