/**
 * Runs an installed ADL LRS conformance suite against fresh Praxis servers, once per xAPI version:
 *   LRS_CONFORMANCE_DIR=/work/ext/lrs-conformance npm run conformance
 * Each run gets a new SQLite file, an LRS client with scope `all` and a server on 127.0.0.1. The 2.0.0
 * suite runs against the default LRS (2.0.0 and 1.0.3); the 1.0.3 suite against XAPI_VERSIONS=1.0.3,
 * because both suites send a request without a version header and expect the answer in their own
 * version, which one server speaking both cannot do (see docs/conformance.md). Installs nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { buildDeps, LEDGER_HOOKS } from '../server/container.js';
import { createLogger } from '../server/log.js';
import { openSqliteStore } from '../server/store/sqlite/sqlite-store.js';

const RUNS = [
  { suite: '2.0.0', versions: '2.0.0,1.0.3' },
  { suite: '1.0.3', versions: '1.0.3' },
];

async function runOnce(suiteDir: string, suite: string, versions: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-conformance-'));
  const file = join(dir, 'praxis.db');
  const store = openSqliteStore(file, LEDGER_HOOKS);
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SQLITE_FILE: file,
    DATA_DIR: dir,
    RATE_LIMIT: 'false',
    XAPI_VERSIONS: versions,
  };
  const deps = await buildDeps(loadConfig({ ...env, PUBLIC_URL: 'http://127.0.0.1' }), createLogger('silent'), store);
  // The suite's command line (commander 2) reads a secret starting with '-' as an option.
  let client = await deps.xapi.clients.create({ name: 'conformance', scopes: ['all'] });
  while (client.secret.startsWith('-'))
    client = await deps.xapi.clients.create({ name: 'conformance', scopes: ['all'] });
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const args = [
    'bin/console_runner.js',
    '-x',
    suite,
    '-e',
    `http://127.0.0.1:${port}/xapi`,
    '-a',
    '-u',
    client.key,
    '-p',
    client.secret,
    '-z',
  ];
  console.log(
    `xAPI ${suite} suite against an LRS speaking ${versions}: node ${args.slice(0, 5).join(' ')} -a -u KEY -p SECRET -z`,
  );
  let last = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: suiteDir, stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.setEncoding('utf8');
      let buffer = '';
      child.stdout.on('data', (chunk: string) => {
        const lines = (buffer + chunk).split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('{"total"')) last = line;
      });
      child.on('error', reject);
      child.on('close', () => resolve());
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    store.close?.();
    rmSync(dir, { recursive: true, force: true });
  }
  return last || '(no summary printed)';
}

async function main() {
  const suiteDir = loadConfig().LRS_CONFORMANCE_DIR;
  if (
    !suiteDir ||
    !existsSync(join(suiteDir, 'bin/console_runner.js')) ||
    !existsSync(join(suiteDir, 'node_modules'))
  ) {
    console.error(
      'Set LRS_CONFORMANCE_DIR to an installed adlnet/lrs-conformance-test-suite (npm install done there).',
    );
    process.exitCode = 2;
    return;
  }
  const summaries: string[] = [];
  for (const run of RUNS) summaries.push(`${run.suite}: ${await runOnce(suiteDir, run.suite, run.versions)}`);
  console.log(summaries.join('\n'));
  if (summaries.some((s) => !/"failed":0\b/.test(s))) process.exitCode = 1;
}

await main();
