import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { aStoredStatement } from './store.contract.js';

describe('sqlite backup', () => {
  it('copies the live database, statements included, while it stays open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'praxis-backup-'));
    const store = openSqliteStore(join(dir, 'live.db'));
    const statement = aStoredStatement();
    await store.record({ entries: [{ statement, clientId: null }] });

    await store.backup(join(dir, 'copy.db'));
    await store.record({ entries: [{ statement: aStoredStatement(), clientId: null }] });
    const copy = openSqliteStore(join(dir, 'copy.db'));

    expect(await copy.statements.count()).toBe(1);
    expect((await copy.statements.get(statement.id))?.statement.id).toBe(statement.id);
    await copy.close();
    await store.close();
  });
});
