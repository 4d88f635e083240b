/**
 * A production-mode Praxis app in this process, listening on a loopback port, for the benchmarks that
 * measure pages over real HTTP (lesson pages, the statistics dashboard).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { buildDeps } from '../../server/container.js';
import type { AppDeps } from '../../server/deps.js';
import { createLogger } from '../../server/log.js';
import type { Store } from '../../server/store/store.js';

export interface BenchApp {
  base: string;
  deps: AppDeps;
  /** Stops listening and removes the data folder; closes the store only if the app opened it. */
  close: () => Promise<void>;
}

/** Starts the app on a fresh SQLite file in a temporary folder, or on `store` (then the caller closes it). */
export async function startBenchApp(name: string, store?: Store): Promise<BenchApp> {
  const dir = mkdtempSync(join(tmpdir(), `praxis-bench-${name}-`));
  const config = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
    SQLITE_FILE: join(dir, 'p.db'),
    DATA_DIR: dir,
    RATE_LIMIT: 'false',
  });
  const deps = await buildDeps(config, createLogger('silent'), store);
  const server = createApp(deps).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deps,
    close: async () => {
      server.close();
      if (!store) await deps.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
