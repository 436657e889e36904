import { openSqliteStore } from '../src/store/index.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('sqlite (:memory:)', async () => openSqliteStore({ path: ':memory:' }));
