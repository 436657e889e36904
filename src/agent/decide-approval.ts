// Approving or rejecting a paused tool call (CLI and API). Deciding twice the same way is harmless;
// deciding the other way after a decision is refused: the first decision stands.
import { GantryError } from '../errors/index.js';
import type { AgentApprovalRecord, Store } from '../store/index.js';

export async function approveToolCall(
  store: Pick<Store, 'agentApprovals'>,
  approvalId: string,
  options: { decidedBy?: string } = {},
) {
  return decide(store, approvalId, { status: 'approved', ...options });
}

export async function rejectToolCall(
  store: Pick<Store, 'agentApprovals'>,
  approvalId: string,
  options: { reason?: string; decidedBy?: string } = {},
) {
  return decide(store, approvalId, { status: 'rejected', ...options });
}

async function decide(
  store: Pick<Store, 'agentApprovals'>,
  approvalId: string,
  decision: { status: 'approved' | 'rejected'; reason?: string; decidedBy?: string },
): Promise<AgentApprovalRecord> {
  const existing = await store.agentApprovals.getApproval(approvalId);
  if (!existing) {
    throw new GantryError('AGENT_APPROVAL_NOT_FOUND', `There is no approval with id ${approvalId}.`, {
      hint: 'Pending approvals are listed by `gantry runs --pending`.',
      details: { approvalId },
    });
  }
  if (existing.status === decision.status) return existing;
  if (existing.status !== 'pending') {
    throw new GantryError(
      'AGENT_APPROVAL_CONFLICT',
      `Approval ${approvalId} was already ${existing.status}; it cannot now be ${decision.status}.`,
      {
        hint: 'The first decision stands. Start a new run if the situation changed.',
        details: { approvalId, status: existing.status },
      },
    );
  }
  const decided = await store.agentApprovals.decideApproval(approvalId, decision);
  // Two deciders racing: the store kept the first decision; report a conflict if it was the other one.
  if (decided && decided.status !== decision.status) {
    throw new GantryError(
      'AGENT_APPROVAL_CONFLICT',
      `Approval ${approvalId} was just ${decided.status} by someone else.`,
      {
        hint: 'The first decision stands.',
        details: { approvalId, status: decided.status },
      },
    );
  }
  return decided!;
}
