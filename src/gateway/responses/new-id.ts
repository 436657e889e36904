// Ids in the shapes OpenAI uses (`resp_...`, `msg_...`, `fc_...`): a prefix and 24 random hex digits.
import { randomBytes } from 'node:crypto';

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}
