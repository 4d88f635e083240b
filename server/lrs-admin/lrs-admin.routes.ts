import { Router } from 'express';
import type { AppDeps } from '../deps.js';
import { erasureRoutes } from './erasure.routes.js';
import { lrsClientRoutes } from './lrs-clients.routes.js';
import { statementViewerRoutes } from './statement-viewer.routes.js';

/** Administration of the LRS: client credentials, the statement viewer and export, erasure. */
export function lrsAdminRoutes(deps: Pick<AppDeps, 'catalogue' | 'config' | 'lrsAdmin' | 'log'>): Router {
  const router = Router();
  router.use(lrsClientRoutes(deps), statementViewerRoutes(deps), erasureRoutes(deps));
  return router;
}
