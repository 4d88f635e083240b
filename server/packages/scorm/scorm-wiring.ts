/** Builds the SCORM player's dependencies from the container's parts (called by container.ts). */
import type { Config } from '../../config.js';
import type { CatalogueService } from '../../courses/catalogue-service.js';
import type { CompletionHook } from '../../learning/course-completion.js';
import type { Store } from '../../store/store.js';
import { contentBase } from '../packages.routes.js';
import { SCORM_RUNTIME_PATH } from './scorm-content.routes.js';
import { scormCourses } from './scorm-courses.js';
import { createScormRuntime } from './scorm-runtime-service.js';
import type { ScormRouteDeps } from './scorm.routes.js';

/**
 * Without CONTENT_ORIGIN the SCO's frame gets an opaque origin (no allow-same-origin), so it can
 * reach neither Praxis's pages nor its cookies; with one, the frame keeps that separate origin.
 */
export const SANDBOX =
  'allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads allow-modals';

export function scormWiring(o: {
  config: Config;
  store: Store;
  catalogue: CatalogueService;
  completionHooks: CompletionHook[];
}): ScormRouteDeps {
  const { config } = o;
  const origin = config.CONTENT_ORIGIN;
  return {
    runtime: createScormRuntime({
      store: o.store,
      publicUrl: config.PUBLIC_URL,
      completionHooks: o.completionHooks,
      courses: scormCourses({
        store: o.store,
        catalogue: o.catalogue,
        contentBase: (slug, v) => contentBase(config, slug, v),
      }),
      runtimeBase: `${origin ?? ''}${SCORM_RUNTIME_PATH}`,
      wrapInFrame: !!origin,
    }),
    publicUrl: config.PUBLIC_URL,
    sandbox: origin ? `${SANDBOX} allow-same-origin` : SANDBOX,
    courseTitle: (title, lang) => title[lang] ?? Object.values(title)[0] ?? '',
    catalogue: o.catalogue,
    ...(origin ? { contentOrigin: origin } : {}),
  };
}
