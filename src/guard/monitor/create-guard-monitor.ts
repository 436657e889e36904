// The monitor: records one guard event per scanned text and compares windows of them on demand
// (`gantry monitor report`), saving each report and alerting to the log and a webhook on drift.
import { GantryError } from '../../errors/index.js';
import type { GuardEventRecord, GuardEventRepository } from '../../store/index.js';
import type { PolicyDecision } from '../policy/index.js';
import type { Direction } from '../types.js';
import {
  compareWindows,
  type DriftReport,
  type DriftThresholds,
  evidentlyThresholds,
} from './compare-windows.js';
import { trafficFeatures } from './traffic-features.js';

export interface RecordOptions {
  direction: Direction;
  route?: string;
  apiKey?: string;
  policy?: string;
  embedding?: number[];
  at?: number;
}

export interface WindowReport extends DriftReport {
  id: number;
  referenceStart: number;
  referenceEnd: number;
  currentStart: number;
  currentEnd: number;
}

export interface ReportOptions {
  now?: number;
  windowMinutes?: number;
  referenceMinutes?: number;
  minimumEvents?: number;
  thresholds?: Partial<DriftThresholds>;
  direction?: Direction;
}

export interface GuardMonitor {
  record(text: string, decision: PolicyDecision, options: RecordOptions): Promise<GuardEventRecord>;
  report(options?: ReportOptions): Promise<WindowReport>;
}

export function createGuardMonitor(repository: GuardEventRepository): GuardMonitor {
  return {
    async record(text, decision, options) {
      const event: GuardEventRecord = {
        at: options.at ?? Date.now(),
        direction: options.direction,
        ...(options.route ? { route: options.route } : {}),
        ...(options.apiKey ? { apiKey: options.apiKey } : {}),
        ...(options.policy ? { policy: options.policy } : {}),
        action: decision.action,
        ...trafficFeatures(text, decision),
        findings: decision.findings.map(({ scanner, type, action }) => ({ scanner, type, action })),
        ...(options.embedding ? { embedding: options.embedding } : {}),
      };
      await repository.saveEvents([event]);
      return event;
    },
    async report(options = {}) {
      const {
        now = Date.now(),
        windowMinutes = 60,
        referenceMinutes = 24 * 60,
        minimumEvents = 30,
        direction,
      } = options;
      const currentEnd = now;
      const currentStart = now - windowMinutes * 60_000;
      const referenceEnd = currentStart;
      const referenceStart = referenceEnd - referenceMinutes * 60_000;
      const current = await repository.listEvents({ start: currentStart, end: currentEnd, direction });
      const reference = await repository.listEvents({ start: referenceStart, end: referenceEnd, direction });
      if (current.length < minimumEvents || reference.length < minimumEvents) {
        throw new GantryError(
          'MONITOR_WINDOW_EMPTY',
          `Too few guard events to compare: ${reference.length} in the reference window, ${current.length} in the current one (at least ${minimumEvents} each).`,
          {
            hint: 'Widen the windows (--window, --reference) or lower guard.monitor.minimumEvents.',
            details: { reference: reference.length, current: current.length, minimumEvents },
          },
        );
      }
      const report = compareWindows(reference, current, { ...evidentlyThresholds, ...options.thresholds });
      const id = await repository.saveDriftWindow({
        createdAt: Date.now(),
        referenceStart,
        referenceEnd,
        currentStart,
        currentEnd,
        drifted: report.drifted,
        report,
      });
      return { ...report, id, referenceStart, referenceEnd, currentStart, currentEnd };
    },
  };
}

/** Sends a drifted report to the log and, when configured, as JSON to a webhook. */
export async function sendDriftAlert(
  report: WindowReport,
  {
    webhookUrl,
    log = (line: string) => process.stderr.write(line + '\n'),
    fetch: fetchImpl = fetch,
  }: {
    webhookUrl?: string;
    log?: (line: string) => void;
    fetch?: typeof fetch;
  } = {},
): Promise<void> {
  if (!report.drifted) return;
  const drifted = report.metrics
    .filter((m) => m.drifted)
    .map((m) => `${m.metric} (${m.test} ${m.value.toFixed(3)})`);
  log(`gantry monitor: drift detected in ${drifted.join(', ')}`);
  if (!webhookUrl) return;
  let response: Response;
  try {
    response = await fetchImpl(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'gantry.drift', text: `Drift detected: ${drifted.join(', ')}`, report }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new GantryError(
      'MONITOR_WEBHOOK_FAILED',
      `The drift alert could not be sent to ${webhookUrl}: ${(error as Error).message}.`,
      {
        hint: 'Check guard.monitor.webhookUrl and that the receiver is reachable.',
        cause: error,
      },
    );
  }
  if (!response.ok) {
    throw new GantryError(
      'MONITOR_WEBHOOK_FAILED',
      `The drift webhook ${webhookUrl} answered HTTP ${response.status}.`,
      {
        hint: 'Check the receiver: it should accept a JSON POST and answer 2xx.',
        details: { status: response.status },
      },
    );
  }
}
