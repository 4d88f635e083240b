import type { RateLimitRepo, Store } from '../store/store.js';
import type { UnitAuthenticator } from './unit-grant.js';
import { createDocumentService, type DocumentService } from './document-service.js';
import { createLearnerTokenService, type LearnerTokenService } from './learner-token-service.js';
import { createLrsClientService, type LrsClientService } from './lrs-client-service.js';
import { createStatementService, type StatementService } from './statement-service.js';

export interface XapiServices {
  statements: StatementService;
  documents: DocumentService;
  clients: LrsClientService;
  learnerTokens: LearnerTokenService;
  /** Tokens of launched package units (cmi5), set by the packages feature once it is built. */
  units: UnitAuthenticator | null;
  /** Counters of failed authentications, shared by every instance (auth-failures.ts). */
  rateLimits: RateLimitRepo;
}

export function createXapiServices(deps: {
  store: Store;
  publicUrl: string;
  tokenSecret: string;
  tokenMinutes: number;
  now?: () => Date;
}): XapiServices {
  return {
    statements: createStatementService(deps),
    documents: createDocumentService(deps),
    clients: createLrsClientService(deps),
    learnerTokens: createLearnerTokenService({
      secret: deps.tokenSecret,
      publicUrl: deps.publicUrl,
      ttlMinutes: deps.tokenMinutes,
      users: deps.store.users,
      now: deps.now,
    }),
    units: null,
    rateLimits: deps.store.rateLimits,
  };
}
