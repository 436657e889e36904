// Sub-runs of nested agents (agents as tools, teams) belong to the tenant of the run that started
// them: a nested approval is seen and decided over the server's API by that tenant only, never by
// another tenant or the default one (before, sub-runs had no tenant and fell to 'default').
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAgent } from '../src/agent/index.js';
import { createScriptedModel } from '../src/model/index.js';
import { createTeam } from '../src/team/index.js';
import { defineTool } from '../src/tool/index.js';
import { adminKey, call, type Json, type Platform, startPlatform } from './security-harness.js';
import { scripted, call as toolCall } from './team-helpers.js';

let platform: Platform;
let acme: string;
let globex: string;

beforeAll(async () => {
  platform = await startPlatform({ security: { requireAuth: true } });
  acme = await platform.key({ scopes: ['agents'], tenant: 'acme', name: 'acme' });
  globex = await platform.key({ scopes: ['agents'], tenant: 'globex', name: 'globex' });
});
afterAll(() => platform.close());

const api = (method: string, path: string, key: string, body?: unknown) =>
  call(platform.url, method, path, { key, body });
const ids = (response: { body: Json }) => response.body.data.map((item: { id: string }) => item.id);

function mailer(sent: string[]) {
  return defineTool({
    name: 'send_email',
    description: 'Sends an email.',
    input: z.object({ to: z.string() }),
    needsApproval: true,
    execute: ({ to }) => {
      sent.push(to);
      return `sent to ${to}`;
    },
  });
}

/** Checks who sees and may decide `approvalId`, raised under `runId` for globex, then approves it. */
async function onlyGlobexDecides(runId: string, approvalId: string): Promise<void> {
  expect(ids(await api('GET', '/api/approvals', globex))).toContain(approvalId);
  expect(ids(await api('GET', `/api/approvals?runId=${runId}`, globex))).toContain(approvalId);
  for (const other of [acme, adminKey]) {
    expect(ids(await api('GET', '/api/approvals', other))).not.toContain(approvalId);
    expect(ids(await api('GET', `/api/approvals?runId=${runId}`, other))).toEqual([]);
    expect((await api('POST', `/api/approvals/${approvalId}/approve`, other, {})).status).toBe(404);
    expect((await api('GET', `/api/runs/${runId}`, other)).status).toBe(404);
  }
  expect((await platform.store.agentApprovals.getApproval(approvalId))?.status).toBe('pending');
  const approved = await api('POST', `/api/approvals/${approvalId}/approve`, globex, {});
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe('approved');
}

describe('tenants of nested runs', () => {
  it('an agent-as-tool sub-run is its parent tenant: only that tenant sees and approves its approval', async () => {
    const sent: string[] = [];
    const child = createAgent({
      name: 'mailer',
      model: createScriptedModel([toolCall('send_email', { to: 'ceo@example.com' }), { text: 'Sent.' }]),
      tools: [mailer(sent)],
      store: platform.store,
    });
    const parent = createAgent({
      name: 'boss',
      model: createScriptedModel([toolCall('mailer', { task: 'Mail the CEO.' }), { text: 'Done.' }]),
      tools: [child.asTool()],
      store: platform.store,
    });
    const caller = { id: 'svc-globex', tenant: 'globex' };
    const paused = await parent.run('Tell the CEO.', { caller });
    expect(paused.stopReason).toBe('awaiting-approval');
    const [pending] = paused.pendingApprovals;
    const record = await platform.store.agentApprovals.getApproval(pending.approvalId);
    expect(record?.runId.startsWith(`${paused.runId}.`)).toBe(true); // raised in the sub-run
    expect(await platform.store.agentTenants.runTenant(record!.runId)).toBe('globex');

    await onlyGlobexDecides(paused.runId, pending.approvalId);
    const done = await parent.resume(paused.runId, { caller });
    expect(done).toMatchObject({ stopReason: 'final-answer', text: 'Done.' });
    expect(sent).toEqual(['ceo@example.com']);
  });

  it('team member runs, two levels down, are the team tenant', async () => {
    const sent: string[] = [];
    const team = createTeam({
      members: [
        {
          name: 'boss',
          model: scripted([toolCall('manager', { task: 'Tell the CEO.' }), { text: 'Told.' }]),
          workers: ['manager'],
        },
        {
          name: 'manager',
          model: scripted([toolCall('mailer', { task: 'Mail.' }), { text: 'Mailed.' }]),
          workers: ['mailer'],
        },
        {
          name: 'mailer',
          model: scripted([toolCall('send_email', { to: 'ceo@example.com' }), { text: 'Sent.' }]),
          tools: [mailer(sent)],
        },
      ],
      pattern: { type: 'supervisor', root: 'boss' },
      budget: { steps: 20 },
      store: platform.store,
    });
    const paused = await team.run('Tell the CEO.', { tenant: 'globex' });
    expect(paused.stopReason).toBe('awaiting-approval');
    const { approvalId } = paused.pendingApprovals[0];
    const record = await platform.store.agentApprovals.getApproval(approvalId);
    expect(await platform.store.agentTenants.runTenant(record!.runId)).toBe('globex');
    expect(await platform.store.agentTenants.runTenant(paused.teamRunId)).toBe('globex');

    // The approval is listed under the member run that raised it and under its top-level member run.
    const topLevel = record!.runId.split('.').slice(0, 2).join('.');
    await onlyGlobexDecides(topLevel, approvalId);
    // Resumed without naming the tenant again: new member runs keep the team's tenant.
    const done = await team.resume(paused.teamRunId);
    expect(done).toMatchObject({ stopReason: 'done', text: 'Told.' });
    expect(sent).toEqual(['ceo@example.com']);
    const runs = await platform.store.agentRuns.listRuns();
    const teamRuns = runs.filter((run) => run.id.startsWith(paused.teamRunId));
    for (const run of teamRuns) expect(await platform.store.agentTenants.runTenant(run.id)).toBe('globex');
  });
});
