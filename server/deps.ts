import type { i18n } from 'i18next';
import type { AccountService } from './accounts/account-service.js';
import type { BadgeService } from './certificates/badge-service.js';
import type { CertificateService } from './certificates/certificate-service.js';
import type { Config } from './config.js';
import type { CompletionHook } from './learning/course-completion.js';
import type { Logger } from './log.js';
import type { Store } from './store/store.js';

/** Everything createApp needs, built by container.ts (or by a test). */
export interface AppDeps {
  config: Config;
  log: Logger;
  store: Store;
  i18n: i18n;
  accounts: AccountService;
  certificates: CertificateService;
  badges: BadgeService;
  /** Joined to the completion transaction by the learning service (the certificate is issued there). */
  completionHooks: CompletionHook[];
  /** Project root: views/, public/, locales/ live under it. */
  root: string;
}
