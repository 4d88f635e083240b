import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../../errors.js';
import { appendProfile, type ProfileEntry } from '../profile-history.js';
import type { Role, UserRecord, UserRepo } from '../store.js';

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  country: string;
  sex: string;
  sector: string;
  organisation: string;
  language: string;
  roles: string;
  created_at: number;
  updated_at: number;
  last_active_at: number | null;
  credentials_changed_at: number | null;
}

export function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    displayName: row.display_name,
    country: row.country,
    sex: row.sex as UserRecord['sex'],
    sector: row.sector as UserRecord['sector'],
    organisation: row.organisation,
    language: row.language,
    roles: JSON.parse(row.roles) as Role[],
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    lastActiveAt: row.last_active_at === null ? null : new Date(row.last_active_at),
    credentialsChangedAt: row.credentials_changed_at == null ? null : new Date(row.credentials_changed_at),
  };
}

export function sqliteUsers(db: Database): UserRepo {
  const byId = db.prepare('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare('SELECT * FROM users WHERE email = ?');
  const insert = db.prepare(`INSERT INTO users (id, email, password_hash, display_name, country, sex, sector,
    organisation, language, roles, created_at, updated_at, profile_history)
    VALUES (@id, @email, @passwordHash, @displayName, @country, @sex, @sector, @organisation, @language, @roles, @at, @at, @history)`);
  const require = (id: string): UserRecord => {
    const row = byId.get(id) as UserRow | undefined;
    if (!row) throw new NotFoundError('user_not_found', `No user ${id}.`);
    return userFromRow(row);
  };

  return {
    create: async (u) => {
      const id = randomUUID();
      // An account imported with its registration date keeps it: past periods count it (docs/statistics.md).
      const at = u.createdAt?.getTime() ?? Date.now();
      const history: ProfileEntry[] = [{ from: at, country: u.country, sex: u.sex, sector: u.sector }];
      try {
        insert.run({
          ...u,
          id,
          email: u.email.toLowerCase(),
          roles: JSON.stringify(u.roles ?? ['learner']),
          at,
          history: JSON.stringify(history),
        });
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new ConflictError('email_taken', 'This e-mail address is already registered.');
        }
        throw err;
      }
      return require(id);
    },
    findById: async (id) => {
      const row = byId.get(id) as UserRow | undefined;
      return row ? userFromRow(row) : null;
    },
    findByIds: async (ids) => {
      const out = new Map<string, UserRecord>();
      // In chunks below SQLite's bound-parameter limit.
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const marks = chunk.map(() => '?').join(', ');
        const rows = db.prepare(`SELECT * FROM users WHERE id IN (${marks})`).all(...chunk) as UserRow[];
        for (const row of rows) out.set(row.id, userFromRow(row));
      }
      return out;
    },
    findByEmail: async (email) => {
      const row = byEmail.get(email.toLowerCase()) as UserRow | undefined;
      return row ? userFromRow(row) : null;
    },
    updateProfile: async (id, p, at) => {
      const before = byId.get(id) as (UserRow & { profile_history: string | null }) | undefined;
      const history = before
        ? appendProfile(
            before.profile_history ? (JSON.parse(before.profile_history) as ProfileEntry[]) : null,
            before,
            p,
            at,
          )
        : null;
      db.prepare(`UPDATE users SET display_name = ?, country = ?, sex = ?, sector = ?, organisation = ?, language = ?,
        updated_at = ?, profile_history = ? WHERE id = ?`).run(
        p.displayName,
        p.country,
        p.sex,
        p.sector,
        p.organisation,
        p.language,
        at.getTime(),
        history && JSON.stringify(history),
        id,
      );
      return require(id);
    },
    setPasswordHash: async (id, hash, at) => {
      const r = db
        .prepare('UPDATE users SET password_hash = ?, updated_at = ?, credentials_changed_at = ? WHERE id = ?')
        .run(hash, at.getTime(), at.getTime(), id);
      if (r.changes === 0) throw new NotFoundError('user_not_found', `No user ${id}.`);
    },
    setRoles: async (id, roles, at) => {
      db.prepare('UPDATE users SET roles = ?, updated_at = ? WHERE id = ?').run(
        JSON.stringify(roles),
        at.getTime(),
        id,
      );
      return require(id);
    },
    list: async ({ search, role, limit, after }) => {
      const like = search ? `%${search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
      const rows = db
        .prepare(`SELECT * FROM users
        WHERE (@like IS NULL OR email LIKE @like ESCAPE '\\' OR lower(display_name) LIKE @like ESCAPE '\\')
          AND (@role IS NULL OR EXISTS (SELECT 1 FROM json_each(users.roles) WHERE value = @role))
          AND (@after IS NULL OR email > @after)
        ORDER BY email LIMIT @limit`)
        .all({ like, role: role ?? null, after: after ?? null, limit }) as UserRow[];
      return rows.map(userFromRow);
    },
    markActive: async (id, at) => {
      db.prepare('UPDATE users SET last_active_at = ? WHERE id = ?').run(at.getTime(), id);
    },
    count: async () => (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n,
  };
}
