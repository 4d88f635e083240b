import { Router, type Request } from 'express';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { AppDeps } from '../../deps.js';
import { packageDir } from '../package-course.js';
import { contentCsp } from '../packages.routes.js';
import { injectScormRuntime } from './content-injection.js';
import { scormFrameHtml, scormRuntimeFiles } from './scorm-frame.js';

export const SCORM_RUNTIME_PATH = '/content/_scorm/';
const HTML = /\.x?html?$/i;
const MAX_HTML_BYTES = 5 * 1024 * 1024;

/**
 * Mounted before the pipeline's content routes, without a session: the SCORM frame and its scripts,
 * and the HTML pages of SCORM packages with the run-time's two scripts put first in their <head>.
 * Everything else (and every other kind) is the pipeline's plain file serving.
 */
export function scormContentRoutes(deps: Pick<AppDeps, 'config' | 'catalogue' | 'root'>): Router {
  const router = Router();
  const files = scormRuntimeFiles(deps.root);
  // As the pipeline's content: framed by Praxis at PUBLIC_URL or at the address the learner used.
  const headers = (req: Request) => ({
    'Content-Security-Policy': contentCsp(deps.config, `${req.protocol}://${req.get('host')}`),
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'X-Content-Type-Options': 'nosniff',
  });

  router.get(`${SCORM_RUNTIME_PATH}:file`, (req, res, next) => {
    const name = String(req.params.file);
    res.removeHeader('X-Frame-Options');
    res.set(headers(req));
    if (name === 'scorm-frame.html')
      return void res.type('html').set('Cache-Control', 'public, max-age=86400').send(scormFrameHtml());
    const file = files[name];
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d' });
  });

  router.get('/content/:slug/:version/*path', async (req, res, next) => {
    const slug = String(req.params.slug);
    const version = Number(req.params.version);
    const rest = ([] as string[]).concat((req.params as { path?: string | string[] }).path ?? []);
    const last = rest.at(-1) ?? '';
    if (
      !HTML.test(last) ||
      deps.catalogue.find(slug)?.package?.kind !== 'scorm' ||
      !Number.isInteger(version) ||
      version < 1
    )
      return next();
    if (rest.some((p) => p === '..' || p.startsWith('.'))) return next();
    const root = resolve(packageDir(deps.config.DATA_DIR, slug, version));
    const file = resolve(join(root, ...rest));
    if (!file.startsWith(root + sep)) return next();
    let html: Buffer;
    try {
      html = await readFile(file);
    } catch {
      return next();
    }
    if (html.length > MAX_HTML_BYTES) return next(); // served as it is: a page this large is not a SCO's launch page
    res.removeHeader('X-Frame-Options');
    res.set({ ...headers(req), 'Cache-Control': 'public, max-age=86400' });
    res.type('html').send(injectScormRuntime(html.toString('utf8'), SCORM_RUNTIME_PATH));
  });
  return router;
}
