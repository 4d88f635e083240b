import type { Database } from 'better-sqlite3';
import { ConflictError } from '../../errors.js';
import type { CertificateRecord, CertificateRepo, NewCertificate } from '../store.js';
import type { SqliteProjector } from './ledger.js';

interface CertificateRow {
  id: string;
  code: string;
  user_id: string;
  learner_name: string;
  course_slug: string;
  course_version: string;
  course_title: string;
  default_language: string;
  languages: string;
  hours: number;
  completed_at: number;
  issued_at: number;
  identity_hash: string;
  identity_salt: string;
  revoked_at: number | null;
  revoked_reason: string | null;
  revoked_by: string | null;
}

const fromRow = (r: CertificateRow): CertificateRecord => ({
  id: r.id,
  code: r.code,
  userId: r.user_id,
  learnerName: r.learner_name,
  courseSlug: r.course_slug,
  courseVersion: r.course_version,
  courseTitle: JSON.parse(r.course_title) as Record<string, string>,
  defaultLanguage: r.default_language,
  languages: JSON.parse(r.languages) as string[],
  hours: r.hours,
  completedAt: new Date(r.completed_at),
  issuedAt: new Date(r.issued_at),
  identityHash: r.identity_hash,
  identitySalt: r.identity_salt,
  revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
  revokedReason: r.revoked_reason,
  revokedBy: r.revoked_by,
});

/** Inserts the change's certificates; the UNIQUE (user, course) constraint decides inside the transaction. */
export function sqliteCertificateProjector(db: Database): SqliteProjector {
  const insert = db.prepare(`INSERT INTO certificates (id, code, user_id, learner_name, course_slug, course_version,
    course_title, default_language, languages, hours, completed_at, issued_at, identity_hash, identity_salt)
    VALUES (@id, @code, @userId, @learnerName, @courseSlug, @courseVersion, @courseTitle, @defaultLanguage, @languages,
    @hours, @completedAt, @issuedAt, @identityHash, @identitySalt)`);
  return (change) => {
    for (const c of change.certificates ?? []) {
      try {
        insert.run(toParams(c));
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new ConflictError(
            'already_recorded',
            `A certificate for ${c.courseSlug} was already issued to this learner.`,
          );
        }
        throw err;
      }
    }
  };
}

const toParams = (c: NewCertificate) => ({
  ...c,
  courseTitle: JSON.stringify(c.courseTitle),
  languages: JSON.stringify(c.languages),
  completedAt: c.completedAt.getTime(),
  issuedAt: c.issuedAt.getTime(),
});

export function sqliteCertificates(db: Database): CertificateRepo {
  const one = (sql: string, ...args: unknown[]) => {
    const row = db.prepare(sql).get(...args) as CertificateRow | undefined;
    return row ? fromRow(row) : null;
  };
  const byId = (id: string) => one('SELECT * FROM certificates WHERE id = ?', id);
  return {
    findById: async (id) => byId(id),
    findByCode: async (code) => one('SELECT * FROM certificates WHERE code = ?', code),
    findForUserCourse: async (userId, slug) =>
      one('SELECT * FROM certificates WHERE user_id = ? AND course_slug = ?', userId, slug),
    listForUser: async (userId) =>
      (
        db
          .prepare('SELECT * FROM certificates WHERE user_id = ? ORDER BY issued_at DESC, id DESC')
          .all(userId) as CertificateRow[]
      ).map(fromRow),
    list: async ({ limit, before }) => {
      const rows = db
        .prepare(`SELECT * FROM certificates
        WHERE @at IS NULL OR issued_at < @at OR (issued_at = @at AND id < @id)
        ORDER BY issued_at DESC, id DESC LIMIT @limit`)
        .all({ at: before?.issuedAt.getTime() ?? null, id: before?.id ?? null, limit }) as CertificateRow[];
      return rows.map(fromRow);
    },
    revoke: async (id, { at, by, reason }) => {
      db.prepare(
        'UPDATE certificates SET revoked_at = ?, revoked_by = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL',
      ).run(at.getTime(), by, reason, id);
      return byId(id);
    },
    reinstate: async (id) => {
      db.prepare(
        'UPDATE certificates SET revoked_at = NULL, revoked_by = NULL, revoked_reason = NULL WHERE id = ?',
      ).run(id);
      return byId(id);
    },
  };
}
