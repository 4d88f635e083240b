import { loadConfig, type Config } from './config.js';
import { buildDeps } from './container.js';
import { createApp } from './app.js';
import { createLogger } from './log.js';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const log = createLogger(config.LOG_LEVEL);
  if (config.sessionSecretGenerated) {
    log.warn(
      'SESSION_SECRET is not set: using a random one, so sessions end when the server restarts. Set it in production.',
    );
  }
  const deps = await buildDeps(config, log);
  const app = createApp(deps);
  const server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    log.info({ url: config.PUBLIC_URL, port, store: deps.store.kind }, 'Praxis is listening');
  });

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
    server.close(async () => {
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
