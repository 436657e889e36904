// Every store domain, in one list: the Store's repositories and the migration list come from here.
// Adding a domain: create src/store/<domain>/ (see CONTRIBUTING.md, "The store") and add one line.
import { agentDomain } from './agent/index.js';
import { batchesDomain } from './batches/index.js';
import type { AllRepositories } from './domain.js';
import { evalDomain } from './eval/index.js';
import { gatewayDomain } from './gateway/index.js';
import { guardDomain } from './guard/index.js';
import { memoryDomain } from './memory/index.js';
import { ragDomain } from './rag/index.js';
import { responsesDomain } from './responses/index.js';
import { traceDomain } from './trace/index.js';

export const storeDomains = [
  traceDomain,
  agentDomain,
  ragDomain,
  gatewayDomain,
  guardDomain,
  evalDomain,
  memoryDomain,
  responsesDomain,
  batchesDomain,
] as const;

/** Every domain's repositories, as the Store's fields (`spans`, `agentRuns`, `ragDocuments`, ...). */
export type StoreRepositories = AllRepositories<typeof storeDomains>;
