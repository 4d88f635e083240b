import type { i18n } from 'i18next';
import type { AccountService } from './accounts/account-service.js';
import type { BadgeService } from './certificates/badge-service.js';
import type { CertificateService } from './certificates/certificate-service.js';
import type { Config } from './config.js';
import type { CatalogueService } from './courses/catalogue-service.js';
import type { LearningService } from './learning/learning-service.js';
import type { JobQueue } from './jobs.js';
import type { Logger } from './log.js';
import type { LrsAdminServices } from './lrs-admin/lrs-admin-services.js';
import type { ScormRouteDeps } from './packages/scorm/scorm.routes.js';
import type { Cmi5Runtime } from './packages/cmi5-runtime.js';
import type { PackageService } from './packages/package-service.js';
import type { Store } from './store/store.js';
import type { CourseTitles } from './stats/course-titles.js';
import type { StatsService } from './stats/stats-service.js';
import type { TrainingService } from './training/training-service.js';
import type { XapiServices } from './xapi/xapi-services.js';

/** Everything createApp needs, built by container.ts (or by a test). */
export interface AppDeps {
  config: Config;
  log: Logger;
  /** Work done after the response (password-reset mail). */
  jobs: JobQueue;
  store: Store;
  i18n: i18n;
  accounts: AccountService;
  stats: StatsService;
  training: TrainingService;
  /** Course titles by language and the known course slugs, for the statistics. */
  courseTitles: CourseTitles;
  courseSlugs: string[];
  catalogue: CatalogueService;
  learning: LearningService;
  xapi: XapiServices;
  lrsAdmin: LrsAdminServices;
  certificates: CertificateService;
  badges: BadgeService;
  /** The SCORM player and run-time API (server/packages/scorm). */
  scorm?: ScormRouteDeps;
  packages: PackageService;
  cmi5: Cmi5Runtime;
  /** Project root: views/, public/, locales/ live under it. */
  root: string;
}
