import { openSqliteStore } from '../store.js';
import { describeMemoryRepositoryContract } from './memory-repository-contract.js';

describeMemoryRepositoryContract('sqlite', async () => {
  const store = openSqliteStore({ path: ':memory:' });
  return { repository: store.memory, close: () => store.close() };
});
