import type { Database } from 'better-sqlite3';
import type { LrsClientRecord, LrsClientRepo, LrsLimits } from '../store.js';

interface ClientRow {
  id: string;
  key: string;
  secret_hash: string;
  name: string;
  scopes: string;
  revoked: number;
  created_at: number;
  limits: string | null;
}
const fromRow = (r: ClientRow): LrsClientRecord => ({
  id: r.id,
  key: r.key,
  secretHash: r.secret_hash,
  name: r.name,
  scopes: JSON.parse(r.scopes),
  revoked: r.revoked === 1,
  createdAt: new Date(r.created_at),
  ...(r.limits ? { limits: JSON.parse(r.limits) as Partial<LrsLimits> } : {}),
});

export function sqliteLrsClients(db: Database): LrsClientRepo {
  const insert = db.prepare(
    'INSERT INTO lrs_clients (id, key, secret_hash, name, scopes, revoked, created_at, limits) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const byKey = db.prepare('SELECT * FROM lrs_clients WHERE key = ?');
  return {
    create: async (c) => {
      insert.run(
        c.id,
        c.key,
        c.secretHash,
        c.name,
        JSON.stringify(c.scopes),
        c.revoked ? 1 : 0,
        c.createdAt.getTime(),
        c.limits && Object.keys(c.limits).length > 0 ? JSON.stringify(c.limits) : null,
      );
    },
    findByKey: async (key) => {
      const r = byKey.get(key) as ClientRow | undefined;
      return r ? fromRow(r) : null;
    },
    list: async () =>
      (db.prepare('SELECT * FROM lrs_clients ORDER BY created_at, key').all() as ClientRow[]).map(fromRow),
    revoke: async (key) => db.prepare('UPDATE lrs_clients SET revoked = 1 WHERE key = ?').run(key).changes > 0,
    setLimits: async (key, limits) =>
      db
        .prepare('UPDATE lrs_clients SET limits = ? WHERE key = ?')
        .run(Object.keys(limits).length > 0 ? JSON.stringify(limits) : null, key).changes > 0,
  };
}
