import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Store } from '../store.js';
import { sqliteAudit } from './audit.js';
import { sqliteCertificateProjector, sqliteCertificates } from './certificates.js';
import { sqliteLearning } from './learning.js';
import { sqliteDocuments } from './documents.js';
import { coreSqliteErasers, featureSqliteErasers, sqliteEraseLearner, type SqliteEraser } from './erasure.js';
import { sqliteLrsClients } from './lrs-clients.js';
import { sqlitePackages } from './packages.js';
import { sqliteCmi5 } from './cmi5.js';
import { sqliteLedger, type SqliteProjector } from './ledger.js';
import { migrate } from './migrate.js';
import { sqliteRateLimits } from './rate-limits.js';
import { sqliteResetTokens } from './reset-tokens.js';
import { sqliteScorm } from './scorm.js';
import { sqliteSessions } from './sessions.js';
import { sqliteStats } from './stats.js';
import type { LedgerHooks } from '../../ledger/trainer-certification.js';
import { sqliteTraining } from './training.js';
import { sqliteUsers } from './users.js';

/**
 * Opens (and migrates) the embedded database. `:memory:` gives a private database for a test.
 * `hooks` carry the feature rules the kernel's projections apply (training's trainer course).
 */
export function openSqliteStore(file: string, hooks: LedgerHooks = {}): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // The statement indexes and the stats counters are written in every ledger transaction; the
  // default 2 MB page cache thrashes once they outgrow it (ingest halved at 100k statements).
  db.pragma('cache_size = -65536');
  // Checkpoint the WAL every ~32 MB instead of every 4 MB: ingest of statement batches ran about
  // 20% faster in a profile of the statement service (most of its time is SQLite's own writes).
  db.pragma('wal_autocheckpoint = 8192');
  db.pragma('temp_store = MEMORY');
  migrate(db);
  // Projections updated in the ledger's transaction; later features add theirs here.
  const learning = sqliteLearning(db);
  const training = sqliteTraining(db);
  const stats = sqliteStats(db, hooks);
  const scorm = sqliteScorm(db);
  const projectors: SqliteProjector[] = [
    learning.projector,
    sqliteCertificateProjector(db),
    training.projector,
    stats.projector,
    scorm.projector,
  ];
  const ledger = sqliteLedger(db, projectors);
  // Each feature that keeps data about a learner adds its eraser here; they run before the core
  // ones, so they still see the learner's statements (erasure.ts, docs/operations.md).
  // The counters eraser runs first: it reads the learner's statements and trainer row before they go.
  const erasers: SqliteEraser[] = [
    ({ userId, agents }) => ({ statsStatements: stats.erase(userId, agents) }),
    ...featureSqliteErasers(db),
    ({ userId }) => scorm.erase(userId),
  ];

  return {
    kind: 'sqlite',
    record: ledger.record,
    statements: ledger.statements,
    learning: learning.repo,
    documents: sqliteDocuments(db),
    lrsClients: sqliteLrsClients(db),
    users: sqliteUsers(db),
    sessions: sqliteSessions(db),
    resetTokens: sqliteResetTokens(db),
    rateLimits: sqliteRateLimits(db),
    audit: sqliteAudit(db),
    eraseLearner: sqliteEraseLearner(db, [...erasers, ...coreSqliteErasers(db)]),
    backup: async (destination) => {
      await db.backup(destination);
    },
    training: training.repo,
    stats: stats.repo,
    certificates: sqliteCertificates(db),
    scorm: scorm.repo,
    packages: sqlitePackages(db),
    cmi5: sqliteCmi5(db),
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => {
      if (db.open) db.close();
    },
  };
}
