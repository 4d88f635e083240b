import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { aStoredStatement } from './store.contract.js';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

describe('sqlite: stored windows', () => {
  it('keeps stored from going backwards in insert order, so a window is exactly the statements stored in it', async () => {
    const store = openSqliteStore(':memory:');
    const times = [0, 10, 5, 20, 20, 15, 30, 40]; // a request that read the clock earlier may commit later
    const ids: string[] = [];
    for (const ms of times) {
      const s = aStoredStatement({ stored: at(ms), timestamp: at(ms) });
      ids.push(s.id);
      await store.record({ entries: [{ statement: s, clientId: null }] });
    }

    const stored = await Promise.all(ids.map(async (id) => (await store.statements.get(id))!.statement.stored));
    const window = await store.statements.query({
      since: new Date(at(10)),
      until: new Date(at(20)),
      ascending: true,
      limit: 100,
    });
    const newestFirst = await store.statements.query({ since: new Date(at(10)), limit: 2 });
    const second = await store.statements.query({ since: new Date(at(10)), limit: 2, afterSeq: newestFirst.nextSeq! });

    expect(stored).toEqual([at(0), at(10), at(10), at(20), at(20), at(20), at(30), at(40)]);
    expect(window.statements.map((s) => s.id)).toEqual([ids[3], ids[4], ids[5]]);
    expect(newestFirst.statements.map((s) => s.id)).toEqual([ids[7], ids[6]]);
    expect(second.statements.map((s) => s.id)).toEqual([ids[5], ids[4]]);
    await store.close();
  });
});
