import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { certificatesContract } from './certificates.contract.js';
import { ledgerContract, storeContract } from './store.contract.js';

storeContract('sqlite', async () => openSqliteStore(':memory:'));
ledgerContract('sqlite', async () => openSqliteStore(':memory:'));
certificatesContract('sqlite', async () => openSqliteStore(':memory:'));
