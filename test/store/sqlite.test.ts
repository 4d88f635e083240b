import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { LEDGER_HOOKS } from '../../server/container.js';
import { statsContract } from './stats.contract.js';
import { certificatesContract } from './certificates.contract.js';
import { learningContract } from './learning.contract.js';
import { learningRebuildContract } from './learning-rebuild.contract.js';
import { aStoredStatement, ledgerContract, storeContract } from './store.contract.js';
import { lrsContract } from './lrs.contract.js';
import { rateLimitsContract } from './rate-limits.contract.js';
import { erasureContract } from './erasure.contract.js';
import { scormContract } from './scorm.contract.js';
import { packagesContract } from './packages.contract.js';

storeContract('sqlite', async () => openSqliteStore(':memory:', LEDGER_HOOKS));
rateLimitsContract('sqlite', async () => openSqliteStore(':memory:', LEDGER_HOOKS));
ledgerContract('sqlite', async () => openSqliteStore(':memory:', LEDGER_HOOKS));
lrsContract('sqlite', async () => openSqliteStore(':memory:', LEDGER_HOOKS));
erasureContract('sqlite', async () => openSqliteStore(':memory:', LEDGER_HOOKS));
learningContract('sqlite', async () => openSqliteStore(':memory:', LEDGER_HOOKS));
learningRebuildContract('sqlite', async () => openSqliteStore(':memory:', LEDGER_HOOKS));
statsContract('sqlite', async () => openSqliteStore(':memory:', LEDGER_HOOKS));
certificatesContract('sqlite', async () => openSqliteStore(':memory:', LEDGER_HOOKS));
scormContract('sqlite', async () => openSqliteStore(':memory:', LEDGER_HOOKS));
packagesContract('sqlite', async () => openSqliteStore(':memory:', LEDGER_HOOKS));

describe('sqlite file store', () => {
  it('keeps a course completion across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'praxis-store-')), 'praxis.db');
    const id = crypto.randomUUID();
    const first = openSqliteStore(file);
    await first.record({
      entries: [{ statement: aStoredStatement(), clientId: null }],
      learning: {
        enrolmentId: id,
        ops: [
          {
            type: 'enrol',
            enrolment: { id, userId: 'u1', courseSlug: 'c', courseVersion: '1.0.0', enrolledAt: new Date(1000) },
          },
          { type: 'courseCompleted', at: new Date(2000) },
        ],
      },
    });
    await first.close();

    const second = openSqliteStore(file);
    const enrolment = await second.learning.findEnrolment('u1', 'c');
    await second.close();

    expect(enrolment?.completedAt).toEqual(new Date(2000));
  });
});
