/**
 * A consistent copy of the live SQLite database, while Praxis keeps running (SQLite online backup API):
 *   npm run backup                      -> data/backups/praxis-YYYYMMDD-HHMMSS.db
 *   npm run backup -- --to /path/copy.db
 * MongoDB deployments use mongodump instead (docs/operations.md).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { openStore } from '../server/container.js';

async function main() {
  const { values } = parseArgs({ options: { to: { type: 'string' } } });
  const config = loadConfig();
  if (config.MONGODB_URI) {
    console.error('MONGODB_URI is set: back up MongoDB with mongodump (see docs/operations.md).');
    process.exitCode = 2;
    return;
  }
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const to = values.to ?? join(config.DATA_DIR, 'backups', `praxis-${stamp}.db`);
  mkdirSync(dirname(to), { recursive: true });
  const store = await openStore(config);
  try {
    const started = Date.now();
    await store.backup(to);
    console.log(`backed up ${config.SQLITE_FILE} to ${to} in ${Date.now() - started} ms`);
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

await main();
