import cluster from 'node:cluster';
import {
  hashConcurrencyPerWorker,
  isCatalogueChange,
  leaderRole,
  runPrimary,
  WORKER_READY,
  workerCount,
} from './cluster.js';
import { loadConfig, type Config } from './config.js';
import { buildDeps } from './container.js';
import { createApp } from './app.js';
import { startHousekeeping } from './housekeeping.js';
import { createLogger } from './log.js';
import { keptSessionSecret, type KeptSecret } from './session-secret.js';

/** `npm start` runs in production mode; `npm run dev` adds --dev (NODE_ENV=development unless set). */
const DEV = process.argv.includes('--dev');

async function main() {
  let config: Config;
  let kept: KeptSecret | undefined;
  try {
    config = loadConfig(undefined, {
      defaults: DEV ? { NODE_ENV: 'development' } : {},
      secretFor: (dataDir) => {
        kept = keptSessionSecret(dataDir);
        return kept.secret;
      },
    });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const log = createLogger(config.LOG_LEVEL, { format: config.LOG_FORMAT });
  if (kept) {
    log[kept.created ? 'warn' : 'info'](
      { path: kept.path },
      kept.created
        ? 'SESSION_SECRET is not set: generated one and kept it in this file (mode 0600), so sessions survive restarts. Set SESSION_SECRET to share one secret between several instances.'
        : 'SESSION_SECRET is not set: using the one kept in this file',
    );
  }
  // `npm run dev` is one process (tsx watch restarts it); `npm start` forks a worker per core (server/cluster.ts).
  const workers = config.NODE_ENV === 'development' ? 1 : workerCount(config.WEB_CONCURRENCY);
  if (cluster.isPrimary && workers > 1) {
    const env = config.HASH_CONCURRENCY ? {} : { HASH_CONCURRENCY: String(hashConcurrencyPerWorker(workers)) };
    runPrimary({ workers, log, env });
    return;
  }
  const deps = await buildDeps(config, log);
  const app = createApp(deps);
  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    log.info(
      {
        url: config.PUBLIC_URL,
        port,
        store: deps.store.kind,
        mode: config.NODE_ENV,
        viewCache: app.enabled('view cache'),
        ...(cluster.isWorker ? { worker: cluster.worker?.id, pid: process.pid } : {}),
      },
      'Praxis is listening',
    );
  });

  // The sweeps run in one process: this one alone, or the leading worker.
  let housekeeping: ReturnType<typeof startHousekeeping> | undefined;
  let sweep: NodeJS.Timeout | undefined;
  const lead = () => {
    if (housekeeping) return;
    if (cluster.isWorker)
      log.info({ worker: cluster.worker?.id }, 'leading worker: runs the housekeeping and cmi5 sweeps');
    housekeeping = startHousekeeping({ store: deps.store, log });
    // cmi5 sessions left without terminated are abandoned once idle for CMI5_SESSION_TIMEOUT minutes.
    sweep = setInterval(() => {
      deps.cmi5.sweep().catch((err: unknown) => log.error({ err }, 'cmi5 idle-session sweep failed'));
    }, 60_000);
    sweep.unref();
  };
  if (cluster.isWorker) {
    process.on('message', (message: unknown) => {
      if (leaderRole(message) === true) lead();
      // Another worker imported or published a course package: this one's catalogue takes it too.
      if (isCatalogueChange(message))
        deps.packages.installPublished().catch((err: unknown) => log.error({ err }, 'catalogue refresh failed'));
    });
    process.send?.(WORKER_READY);
  } else lead();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (sweep) clearInterval(sweep);
    log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      log.error('forced exit after 10 s');
      process.exit(1);
    }, 10_000);
    force.unref();
    housekeeping?.stop();
    server.close(async () => {
      await deps.jobs.idle(); // queued reset mails go out before the store closes (within the 10 s)
      await deps.store.close();
      log.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
