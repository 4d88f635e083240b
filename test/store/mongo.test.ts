import { describe, it } from 'vitest';
import { openMongoStore } from '../../server/store/mongo/mongo-store.js';
import { LEDGER_HOOKS } from '../../server/container.js';
import { statsContract } from './stats.contract.js';
import { certificatesContract } from './certificates.contract.js';
import { packagesContract } from './packages.contract.js';
import { learningContract } from './learning.contract.js';
import { learningRebuildContract } from './learning-rebuild.contract.js';
import { ledgerContract, storeContract } from './store.contract.js';
import { lrsContract } from './lrs.contract.js';
import { rateLimitsContract } from './rate-limits.contract.js';
import { erasureContract } from './erasure.contract.js';
import { scormContract } from './scorm.contract.js';

// The test process reads MONGODB_URI directly: it chooses whether this suite can run at all.
const uri = process.env.MONGODB_URI;

if (uri) {
  let n = 0;
  const open = async () =>
    openMongoStore(uri.replace(/\/(\w*)(\?|$)/, `/praxis_test_${process.pid}_${++n}$2`), LEDGER_HOOKS);
  storeContract('mongo', open);
  rateLimitsContract('mongo', open);
  ledgerContract('mongo', open);
  statsContract('mongo', open);
  certificatesContract('mongo', open);
  packagesContract('mongo', open);
  learningContract('mongo', open);
  learningRebuildContract('mongo', open);
  lrsContract('mongo', open);
  erasureContract('mongo', open);
  scormContract('mongo', open);
} else {
  console.warn('store contract: mongo skipped: MONGODB_URI is not set (no MongoDB server on this machine)');
  describe('store contract: mongo', () => {
    it.skip('runs only when MONGODB_URI is set', () => {});
  });
}
