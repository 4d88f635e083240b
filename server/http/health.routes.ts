import type { RequestHandler } from 'express';
import type { AppDeps } from '../deps.js';

const OK = Buffer.from('{"status":"ok"}');

/**
 * Liveness and readiness for load balancers and orchestrators, mounted first, before any other
 * middleware. /healthz is a fixed answer written directly: no routing, serialising or ETag hashing.
 */
export function healthRoutes(deps: Pick<AppDeps, 'store' | 'log'>): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/healthz') {
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': OK.length,
        'Cache-Control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : OK);
      return;
    }
    if (req.path !== '/readyz') return next();
    res.setHeader('Cache-Control', 'no-store');
    deps.store.ping().then(
      () => res.json({ status: 'ready', store: deps.store.kind }),
      (err: unknown) => {
        deps.log.warn({ err }, 'readiness check failed');
        res.status(503).json({ status: 'unavailable', store: deps.store.kind });
      },
    );
  };
}
