import { describe } from 'vitest';
import { storeBackends } from './store-backends.js';
import { describeStoreContract } from './store-contract.js';

for (const backend of storeBackends) {
  if (backend.skip) describe.skip(`store contract: ${backend.name} (${backend.skip})`, () => {});
  else describeStoreContract(backend.name, backend.open);
}
