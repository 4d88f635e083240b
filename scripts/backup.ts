/**
 * A consistent copy of the live SQLite database, while Praxis keeps running (SQLite online backup API).
 * MongoDB deployments use mongodump instead (docs/operations.md).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from '../server/config.js';
import { fail, parseCli, withStore } from './lib/cli.js';

const USAGE = `Usage: npm run backup [-- --to FILE]

Copies the SQLite database (SQLITE_FILE) while Praxis runs.
  --to FILE   where to write the copy (default: DATA_DIR/backups/praxis-YYYYMMDD-HHMMSS.db)`;

const { values } = parseCli('backup', USAGE, { to: { type: 'string' } });
const config = loadConfig();
if (config.MONGODB_URI) fail('backup', 'MONGODB_URI is set: back up MongoDB with mongodump (see docs/operations.md).');
const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
const to = values.to ?? join(config.DATA_DIR, 'backups', `praxis-${stamp}.db`);

await withStore(
  'backup',
  async (store) => {
    mkdirSync(dirname(to), { recursive: true });
    const started = Date.now();
    await store.backup(to);
    console.log(`backed up ${config.SQLITE_FILE} to ${to} in ${Date.now() - started} ms`);
  },
  config,
);
