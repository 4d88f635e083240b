import { Router } from 'express';
import type { AppDeps } from '../deps.js';

/** Liveness and readiness for load balancers and orchestrators: mounted first, before any other middleware. */
export function healthRoutes(deps: Pick<AppDeps, 'store' | 'log'>): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      await deps.store.ping();
      res.json({ status: 'ready', store: deps.store.kind });
    } catch (err) {
      deps.log.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', store: deps.store.kind });
    }
  });

  return router;
}
