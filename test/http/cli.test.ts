import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { cmi5Package } from '../support/cmi5-packages.js';
import { writeZip } from '../support/zip.js';

const ROOT = join(import.meta.dirname, '../..');
const COMMANDS = [
  'backup',
  'bench',
  'check-courses',
  'create-admin',
  'import-package',
  'lrs-client',
  'rebuild-projections',
  'seed-demo',
];

/** Runs a command as `npm run NAME -- ARGS` would, with its own environment. */
function run(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe('command-line tools', { timeout: 60_000 }, () => {
  it.each(COMMANDS)('%s answers --help with its usage and exit code 0', (name) => {
    const r = run(name, ['--help']);

    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^Usage:\s/);
    expect(r.err).toBe('');
  });

  it.each(COMMANDS)('%s refuses an unknown option in one line, with exit code 2', (name) => {
    const r = run(name, ['--no-such-option']);

    expect(r.status).toBe(2);
    expect(r.err.split('\n')[0]).toBe(`${name}: Unknown option '--no-such-option'`);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it.each([
    ['create-admin', ['--email', 'admin@example.org', '--password', 'a long enough secret']],
    ['lrs-client', ['list']],
    ['backup', []],
    ['rebuild-projections', []],
  ])('%s will not create a database that is not there, and says which file it looked for', (name, args) => {
    const file = join(mkdtempSync(join(tmpdir(), 'praxis-cli-')), 'mistyped.db');

    const r = run(name, args, { SQLITE_FILE: file, DATA_DIR: join(file, '..') });

    expect(r.status).toBe(2);
    expect(r.err).toContain(`no database at ${file}`);
    expect(existsSync(file)).toBe(false);
  });

  it('import-package prints the new course id, and lists every problem of a refused package with exit code 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'praxis-cli-'));
    const env = { SQLITE_FILE: join(dir, 'praxis.db'), DATA_DIR: dir };
    await openSqliteStore(env.SQLITE_FILE).close();
    const hostile = writeZip(join(dir, 'hostile.zip'), [
      { name: 'cmi5.xml', data: '<x/>' },
      { name: '../../escape.js', data: 'x' },
      { name: 'l', data: '/etc', symlink: true },
    ]);

    const ok = run('import-package', [cmi5Package(), '--publish'], env);
    const refused = run('import-package', [hostile], env);

    expect(ok.status).toBe(0);
    expect(ok.out.trim()).toBe('road-safety-for-first-responders');
    expect(refused.status).toBe(1);
    expect(refused.err).toContain('zip slip');
    expect(refused.err).toContain('symbolic links are not allowed');
  }, 120_000); // two commands that each start the whole app: slow on a loaded 2-core machine
});
