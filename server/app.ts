import express, { type Express } from 'express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { accountRoutes } from './accounts/accounts.routes.js';
import { adminRoutes } from './accounts/admin.routes.js';
import { adminCertificateRoutes } from './certificates/admin-certificates.routes.js';
import { certificateRoutes } from './certificates/certificates.routes.js';
import { credentialUpload, verifyRoutes } from './certificates/verify.routes.js';
import { trustProxySetting } from './config.js';
import { courseRoutes } from './courses/courses.routes.js';
import { learningRoutes } from './learning/learning.routes.js';
import { offlineRoutes, offlineStaticRoutes } from './learning/offline.routes.js';
import type { AppDeps } from './deps.js';
import { hasRole, restoreUser, setupPassport } from './http/auth.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { createAssets } from './http/assets.js';
import { healthRoutes } from './http/health.routes.js';
import { NotFoundError } from './errors.js';
import { localsMiddleware } from './http/locals.js';
import { noticeMiddleware } from './http/notice.js';
import { pageRoutes } from './http/pages.routes.js';
import { cmi5LmsRoutes } from './packages/cmi5-lms.routes.js';
import { cmi5FetchRoutes, cmi5Routes } from './packages/cmi5.routes.js';
import { contentRoutes, packageAdminRoutes, packageUpload } from './packages/packages.routes.js';
import { csrf } from './http/csrf.js';
import { securityHeaders } from './http/security.js';
import { sessionMiddleware } from './http/session.js';
import { setupViews } from './http/views.js';
import { renderThroughSendHtml } from './http/html-response.js';
import { createPageCache } from './http/page-cache.js';
import { requestLog } from './http/request-log.js';
import { lrsAdminRoutes } from './lrs-admin/lrs-admin.routes.js';
import { scormContentRoutes } from './packages/scorm/scorm-content.routes.js';
import { scormRoutes, scormStaticRoutes } from './packages/scorm/scorm.routes.js';
import { statsRoutes } from './stats/stats.routes.js';
import { trainingRoutes } from './training/training.routes.js';
import { checkJsonDepth } from './xapi/json-input.js';
import { limitDefaults } from './xapi/xapi-limits.js';
import { xapiRoutes } from './xapi/xapi.routes.js';

/** The Express app factory: no listen, no env, no globals. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  const { config } = deps;
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  // Templates are re-read on every request only while developing.
  setupViews(app, deps.root, { cache: config.NODE_ENV !== 'development' });
  const pageCache = createPageCache({
    ttlMs: config.NODE_ENV === 'development' ? 0 : config.PAGE_CACHE_SECONDS * 1000,
    version: deps.catalogue.version,
  });
  renderThroughSendHtml(app, pageCache.keep);

  // Answered first, without sessions, security headers or request logs: health checks and Praxis's own
  // static files (fingerprinted, precompressed) stay fast when the pages behind them are busy.
  app.use(healthRoutes(deps));
  const assets = createAssets({
    publicDir: join(deps.root, 'public'),
    // The browser xAPI client for the lesson tracker, served from the installed package (no build step).
    extra: { '/public/vendor/xapi.umd.js': createRequire(import.meta.url).resolve('@xapi/xapi/dist/XAPI.umd.js') },
    cache: config.NODE_ENV !== 'development',
  });
  app.locals.assetUrl = assets.url;
  app.use(assets.handler);

  app.use(requestLog(deps.log));
  app.use(securityHeaders(config.PUBLIC_URL));
  app.use(compression());
  app.use(offlineStaticRoutes(deps.root));
  app.use(scormStaticRoutes());
  // Package content: no session, its own CSP (server/packages/packages.routes.ts).
  app.use(scormContentRoutes(deps));
  app.use(contentRoutes(deps));
  // What the assets above do not know under /public is not there.
  app.use('/public', (_req, _res, next) => next(new NotFoundError('not_found', 'Not found.')));
  app.use(cookieParser());

  // Stateless machine endpoints are mounted here, before sessions and form parsing.
  app.use(
    '/xapi',
    xapiRoutes(deps.xapi, {
      rateLimit: config.RATE_LIMIT,
      versions: config.XAPI_VERSIONS,
      limits: limitDefaults(config),
    }),
  );
  app.use(cmi5FetchRoutes(deps.cmi5));
  app.use('/api/cmi5', cmi5LmsRoutes(deps));

  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  // JSON nested deeper than JSON_MAX_DEPTH is refused with a 400 before it is parsed (docs/xapi-lrs.md, "Limits").
  app.use(
    '/api',
    express.json({ limit: '1mb', verify: (_req, _res, buf) => checkJsonDepth(buf.toString('utf8'), 'The JSON body') }),
  );
  app.use(pageCache.middleware);
  app.use(
    sessionMiddleware({
      repo: deps.store.sessions,
      secret: config.SESSION_SECRET,
      secure: config.PUBLIC_URL.startsWith('https:'),
    }),
  );
  const auth = setupPassport(deps.accounts);
  app.use(auth.initialize());
  app.use(restoreUser(deps.accounts));
  app.use(localsMiddleware(deps.i18n, config.PROGRAMME_NAME));
  app.use(noticeMiddleware);
  app.use((req, res, next) => {
    res.locals.user = req.user;
    res.locals.isAdmin = hasRole(req.user, 'admin');
    res.locals.isManager = hasRole(req.user, 'manager', 'admin');
    res.locals.isTrainer = hasRole(req.user, 'trainer');
    next();
  });
  const { protect, exposeToken } = csrf({
    secret: config.SESSION_SECRET,
    secure: config.PUBLIC_URL.startsWith('https:'),
  });
  app.use(exposeToken);
  // Multipart forms carry their CSRF token in the body, so this one is parsed before the check.
  app.post('/verify/credential', credentialUpload);
  app.post('/admin/packages', ...packageUpload(deps));
  app.use(protect);

  app.use(pageRoutes(deps));
  app.use(accountRoutes(deps, auth));
  app.use(statsRoutes(deps));
  app.use(trainingRoutes(deps));
  app.use(adminRoutes(deps));
  app.use(lrsAdminRoutes(deps));
  app.use(courseRoutes(deps));
  app.use(packageAdminRoutes(deps));
  if (deps.scorm) app.use(scormRoutes(deps.scorm));
  app.use(cmi5Routes(deps, deps.cmi5));
  app.use(learningRoutes(deps));
  app.use(offlineRoutes(deps));
  app.use(verifyRoutes(deps));
  app.use(certificateRoutes(deps));
  app.use(adminCertificateRoutes(deps));

  app.use(notFound);
  app.use(errorHandler(deps.log, deps.i18n, config.PROGRAMME_NAME));
  return app;
}
