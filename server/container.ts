import { fileURLToPath } from 'node:url';
import { isAbsolute, join } from 'node:path';
import { createAccountService } from './accounts/account-service.js';
import { createMailer } from './accounts/mailer.js';
import { boundedHasher, hashQueueOptions } from './accounts/hash-queue.js';
import { argon2Hasher } from './accounts/password.js';
import { createBadgeService } from './certificates/badge-service.js';
import { certificateCompletionHook } from './certificates/certificate-hook.js';
import { createCertificateService } from './certificates/certificate-service.js';
import { loadSigningKey } from './certificates/signing-key.js';
import type { Config } from './config.js';
import { createCatalogueService } from './courses/catalogue-service.js';
import { loadCourses } from './courses/course-loader.js';
import { PACKAGE_KINDS } from './packages/kinds.js';
import { CATALOGUE_CHANGED } from './cluster.js';
import { createCmi5Runtime } from './packages/cmi5-runtime.js';
import { createPackageService } from './packages/package-service.js';
import { scormWiring } from './packages/scorm/scorm-wiring.js';
import { contentBase } from './packages/packages.routes.js';
import type { AppDeps } from './deps.js';
import { createI18n } from './http/i18n.js';
import type { CompletionHook } from './learning/course-completion.js';
import { createLearningService } from './learning/learning-service.js';
import { createJobQueue } from './jobs.js';
import type { Logger } from './log.js';
import { createLrsAdminServices } from './lrs-admin/lrs-admin-services.js';
import { openMongoStore } from './store/mongo/mongo-store.js';
import { openSqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/store.js';
import type { LedgerHooks } from './ledger/trainer-certification.js';
import { catalogueTitles } from './stats/course-titles.js';
import { createStatsService } from './stats/stats-service.js';
import { createTrainingService } from './training/training-service.js';
import { TRAINER_HOOK } from './training/trainer-course.js';
import { readdirSync, existsSync } from 'node:fs';
import { createXapiServices } from './xapi/xapi-services.js';

/** Feature rules the ledger kernel applies inside the store's transaction (training says who is a trainer). */
export const LEDGER_HOOKS: LedgerHooks = { trainer: TRAINER_HOOK };

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The one place that picks the store adapter. */
export async function openStore(config: Config): Promise<Store> {
  return config.MONGODB_URI
    ? openMongoStore(config.MONGODB_URI, LEDGER_HOOKS)
    : openSqliteStore(config.SQLITE_FILE, LEDGER_HOOKS);
}

/** Composition root: builds every service from config. Tests call it with their own config and store. */
export async function buildDeps(config: Config, log: Logger, store?: Store): Promise<AppDeps> {
  const root = PROJECT_ROOT;
  const i18n = await createI18n(join(root, 'locales'));
  const resolvedStore = store ?? (await openStore(config));
  const jobs = createJobQueue({ log });
  const accounts = createAccountService({
    jobs,
    store: resolvedStore,
    hasher: boundedHasher(argon2Hasher, hashQueueOptions(config)),
    mailer: createMailer({
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM,
      outboxDir: join(config.DATA_DIR, 'outbox'),
      log,
    }),
    log,
    publicUrl: config.PUBLIC_URL,
    translate: (lang, key, vars) => i18n.getFixedT(lang)(key, vars),
  });
  const stats = createStatsService({ store: resolvedStore });
  const training = createTrainingService({ store: resolvedStore, publicUrl: config.PUBLIC_URL });
  const coursesDir = isAbsolute(config.COURSES_DIR) ? config.COURSES_DIR : join(root, config.COURSES_DIR);
  const courseSlugs = existsSync(coursesDir)
    ? readdirSync(coursesDir)
        .filter((d) => existsSync(join(coursesDir, d, 'course.yaml')))
        .sort()
    : [];
  const catalogue = createCatalogueService(loadCoursesOnce(coursesDir, root, log));
  // Features that act when a course is completed (certificates, certified trainers) add their hook here.
  const completionHooks: CompletionHook[] = [
    certificateCompletionHook({
      publicUrl: config.PUBLIC_URL,
      existing: (u, c) => resolvedStore.certificates.findForUserCourse(u, c),
    }),
    training.certifyOnCompletion,
  ];
  const learning = createLearningService({
    store: resolvedStore,
    catalogue,
    publicUrl: config.PUBLIC_URL,
    log,
    completionHooks,
  });
  const xapi = createXapiServices({
    store: resolvedStore,
    publicUrl: config.PUBLIC_URL,
    tokenSecret: config.XAPI_TOKEN_SECRET ?? config.SESSION_SECRET,
    tokenMinutes: config.XAPI_TOKEN_MINUTES,
  });
  const translate = (lang: string, key: string, vars?: Record<string, unknown>) => i18n.getFixedT(lang)(key, vars);
  const key = await loadSigningKey({
    key: config.CERTIFICATE_SIGNING_KEY,
    file: config.CERTIFICATE_SIGNING_KEY_FILE,
    dataDir: config.DATA_DIR,
    production: config.NODE_ENV === 'production',
    log,
  });
  const certificateDeps = {
    store: resolvedStore,
    publicUrl: config.PUBLIC_URL,
    programme: config.PROGRAMME_NAME,
    translate,
  };
  const certificates = createCertificateService(certificateDeps);
  const badges = createBadgeService({ ...certificateDeps, key, requireValidOwn: certificates.requireValidOwn });
  const lrsAdmin = createLrsAdminServices({ store: resolvedStore, xapi, publicUrl: config.PUBLIC_URL });
  // Course packages imported earlier join the catalogue of courses read from COURSES_DIR.
  const packages = createPackageService({
    store: resolvedStore,
    catalogue,
    dataDir: config.DATA_DIR,
    kinds: PACKAGE_KINDS,
    log,
    // In a worker (server/cluster.ts) the primary passes this on to the other workers.
    catalogueChanged: () => process.send?.(CATALOGUE_CHANGED),
  });
  await packages.installPublished();
  const cmi5 = createCmi5Runtime({
    store: resolvedStore,
    catalogue,
    learning,
    publicUrl: config.PUBLIC_URL,
    secret: config.XAPI_TOKEN_SECRET ?? config.SESSION_SECRET,
    contentBase: (slug, version) => contentBase(config, slug, version),
    sessionTimeoutMinutes: config.CMI5_SESSION_TIMEOUT,
  });
  xapi.units = cmi5.units;
  return {
    config,
    log,
    jobs,
    store: resolvedStore,
    i18n,
    accounts,
    xapi,
    catalogue,
    learning,
    certificates,
    badges,
    stats,
    training,
    lrsAdmin,
    packages,
    cmi5,
    courseTitles: catalogueTitles(catalogue),
    courseSlugs,
    root,
    scorm: scormWiring({ config, store: resolvedStore, catalogue, completionHooks }),
  };
}

/** Course packages are read and rendered once at start-up; a broken one is logged and not served. */
function loadCoursesOnce(dir: string, root: string, log: Logger) {
  const loaded = loadCourses(dir, root);
  for (const b of loaded.broken)
    log.error({ course: b.slug, errors: b.errors }, `course "${b.slug}" is broken and not served`);
  log.info({ courses: loaded.courses.map((c) => c.slug) }, 'courses loaded');
  return loaded;
}
