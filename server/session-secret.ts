import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomSecret } from './config.js';

export const SESSION_SECRET_FILE = 'session-secret';

export interface KeptSecret {
  secret: string;
  path: string;
  /** True on the first start: the file was written now. */
  created: boolean;
}

/**
 * The session secret of a server started without SESSION_SECRET: generated on the first start and
 * kept in DATA_DIR (mode 0600), so sessions and tracker tokens survive restarts with no configuration.
 */
export function keptSessionSecret(dataDir: string): KeptSecret {
  const path = join(dataDir, SESSION_SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': two servers starting on the same directory at once keep one secret, not two.
    writeFileSync(path, `${randomSecret()}\n`, { mode: 0o600, flag: 'wx' });
    return { secret: read(path), path, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return { secret: read(path), path, created: false };
}

function read(path: string): string {
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32)
    throw new Error(`${path} must hold at least 32 random characters (delete it to get a new one)`);
  return secret;
}
