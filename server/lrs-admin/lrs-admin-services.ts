import type { Store } from '../store/store.js';
import type { XapiServices } from '../xapi/xapi-services.js';
import { createErasureService, type ErasureService } from './erasure-service.js';
import { createLrsClientAdminService, type LrsClientAdminService } from './lrs-client-admin-service.js';
import { createStatementViewerService, type StatementViewerService } from './statement-viewer-service.js';

export interface LrsAdminServices {
  clients: LrsClientAdminService;
  viewer: StatementViewerService;
  erasure: ErasureService;
}

export function createLrsAdminServices(deps: {
  store: Store;
  xapi: XapiServices;
  publicUrl: string;
  now?: () => Date;
}): LrsAdminServices {
  return {
    clients: createLrsClientAdminService({ clients: deps.xapi.clients, store: deps.store, now: deps.now }),
    viewer: createStatementViewerService(deps),
    erasure: createErasureService(deps),
  };
}
