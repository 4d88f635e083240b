import type { Database } from 'better-sqlite3';
import type { LrsClientRecord, LrsClientRepo } from '../store.js';

interface ClientRow {
  id: string;
  key: string;
  secret_hash: string;
  name: string;
  scopes: string;
  revoked: number;
  created_at: number;
}
const fromRow = (r: ClientRow): LrsClientRecord => ({
  id: r.id,
  key: r.key,
  secretHash: r.secret_hash,
  name: r.name,
  scopes: JSON.parse(r.scopes),
  revoked: r.revoked === 1,
  createdAt: new Date(r.created_at),
});

export function sqliteLrsClients(db: Database): LrsClientRepo {
  const insert = db.prepare(
    'INSERT INTO lrs_clients (id, key, secret_hash, name, scopes, revoked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byKey = db.prepare('SELECT * FROM lrs_clients WHERE key = ?');
  return {
    create: async (c) => {
      insert.run(c.id, c.key, c.secretHash, c.name, JSON.stringify(c.scopes), c.revoked ? 1 : 0, c.createdAt.getTime());
    },
    findByKey: async (key) => {
      const r = byKey.get(key) as ClientRow | undefined;
      return r ? fromRow(r) : null;
    },
    list: async () =>
      (db.prepare('SELECT * FROM lrs_clients ORDER BY created_at, key').all() as ClientRow[]).map(fromRow),
    revoke: async (key) => db.prepare('UPDATE lrs_clients SET revoked = 1 WHERE key = ?').run(key).changes > 0,
  };
}
