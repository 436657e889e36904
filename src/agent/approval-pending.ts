// Thrown by a sub-agent tool whose run paused for approval: the parent run pauses too, with the
// sub-agent's pending approvals, and resuming the parent resumes the sub-agent.
import type { PendingApproval } from './agent-result.js';

const marker = Symbol.for('gantry.approval-pending');

export class ApprovalPending extends Error {
  readonly [marker] = true;
  constructor(readonly approvals: PendingApproval[]) {
    super(`Waiting for approval of ${approvals.map((a) => a.toolName).join(', ')}.`);
    this.name = 'ApprovalPending';
  }

  static isInstance(error: unknown): error is ApprovalPending {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
