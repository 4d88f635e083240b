import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { ledgerContract, storeContract } from './store.contract.js';
import { lrsContract } from './lrs.contract.js';
import { erasureContract } from './erasure.contract.js';

storeContract('sqlite', async () => openSqliteStore(':memory:'));
ledgerContract('sqlite', async () => openSqliteStore(':memory:'));
lrsContract('sqlite', async () => openSqliteStore(':memory:'));
erasureContract('sqlite', async () => openSqliteStore(':memory:'));
