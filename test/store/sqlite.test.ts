import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { storeContract } from './store.contract.js';

storeContract('sqlite', async () => openSqliteStore(':memory:'));
