// The contract every Store backend must pass: each domain's suite (src/store/<domain>/contract.ts),
// keyed by domain name so that a domain without a suite fails the typecheck, plus the Store's own checks.
import { describe, expect, it } from 'vitest';
import { agentContract } from '../src/store/agent/contract.js';
import { batchesContract } from '../src/store/batches/contract.js';
import { evalContract } from '../src/store/eval/contract.js';
import { gatewayContract } from '../src/store/gateway/contract.js';
import { guardContract } from '../src/store/guard/contract.js';
import type { DomainContract, RepositoriesOf, Store, storeDomains } from '../src/store/index.js';
import { memoryContract } from '../src/store/memory/contract.js';
import { ragContract } from '../src/store/rag/contract.js';
import { responsesContract } from '../src/store/responses/contract.js';
import { traceContract } from '../src/store/trace/contract.js';

type Domain = (typeof storeDomains)[number];
type Contracts = { [D in Domain as D['name']]: DomainContract<RepositoriesOf<D>> };

export const domainContracts: Contracts = {
  trace: traceContract,
  agent: agentContract,
  rag: ragContract,
  gateway: gatewayContract,
  guard: guardContract,
  eval: evalContract,
  memory: memoryContract,
  responses: responsesContract,
  batches: batchesContract,
};

/** Runs every domain's contract suite, and the Store's own checks, against one backend. */
export function describeStoreContract(backend: string, open: () => Promise<Store>): void {
  for (const contract of Object.values(domainContracts)) {
    (contract as DomainContract<Store>)(backend, open);
  }
  describe(`store contract: ${backend}`, () => {
    it('proves it is writable', async () => {
      const store = await open();
      try {
        await expect(store.checkWritable()).resolves.toBeUndefined();
      } finally {
        await store.close();
      }
    });
  });
}
