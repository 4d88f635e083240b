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
      },
      'Praxis is listening',
    );
  });

  const housekeeping = startHousekeeping({ store: deps.store, log });
  // cmi5 sessions left without terminated are abandoned once idle for CMI5_SESSION_TIMEOUT minutes.
  const sweep = setInterval(() => {
    deps.cmi5.sweep().catch((err: unknown) => log.error({ err }, 'cmi5 idle-session sweep failed'));
  }, 60_000);
  sweep.unref();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweep);
    log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      log.error('forced exit after 10 s');
      process.exit(1);
    }, 10_000);
    force.unref();
    housekeeping.stop();
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
