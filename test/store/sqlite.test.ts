import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { statsContract } from './stats.contract.js';
import { ledgerContract, storeContract } from './store.contract.js';

storeContract('sqlite', async () => openSqliteStore(':memory:'));
ledgerContract('sqlite', async () => openSqliteStore(':memory:'));
statsContract('sqlite', async () => openSqliteStore(':memory:'));
