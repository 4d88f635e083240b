/**
 * What every Praxis command shares: `--help` prints the usage, an unknown or malformed option is one
 * line and exit code 2 (never a stack trace), and a command that administers an existing database
 * refuses to create an empty one by mistake.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, type Config } from '../../server/config.js';
import { openStore } from '../../server/container.js';
import type { Store } from '../../server/store/store.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export class UsageError extends Error {}

/** Parses the command line; prints the usage and exits 0 on --help, or one line and exits 2 on a mistake. */
export function parseCli<O extends Options>(name: string, usage: string, options: O, allowPositionals = false) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as O & { help: { type: 'boolean'; short: 'h' } };
  try {
    const parsed = parseArgs({ args: process.argv.slice(2), options: all, allowPositionals, strict: true });
    if ((parsed.values as { help?: boolean }).help) {
      console.log(usage);
      process.exit(0);
    }
    return parsed;
  } catch (err) {
    // Node adds a hint about positionals after '--' that only confuses here.
    return fail(
      name,
      ((err as Error).message.split('\n')[0] ?? 'invalid arguments').replace(/\. To specify a positional.*$/, ''),
      usage,
    );
  }
}

export function fail(name: string, message: string, usage?: string): never {
  console.error(`${name}: ${message}`);
  if (usage) console.error(`Try: npm run ${name} -- --help`);
  process.exit(2);
}

/**
 * Opens the configured store only if it is already there: an administrator who mistyped SQLITE_FILE
 * must not get a new empty database (and a "created" administrator nobody can find). Only
 * `npm start` and `npm run seed-demo` create one.
 */
export async function openExistingStore(name: string, config: Config = loadConfig()): Promise<Store> {
  if (!config.MONGODB_URI && config.SQLITE_FILE !== ':memory:' && !existsSync(config.SQLITE_FILE)) {
    fail(
      name,
      `no database at ${resolve(config.SQLITE_FILE)} (SQLITE_FILE). Start Praxis once with npm start, or set SQLITE_FILE to the existing file.`,
    );
  }
  return openStore(config);
}

/** Runs a command's work with an open store and closes it; an expected failure is one line and exit 1. */
export async function withStore(
  name: string,
  work: (store: Store, config: Config) => Promise<void>,
  config: Config = loadConfig(),
) {
  const store = await openExistingStore(name, config);
  try {
    await work(store, config);
  } catch (err) {
    console.error(`${name}: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}
