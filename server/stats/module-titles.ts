import type { CatalogueService } from '../courses/catalogue-service.js';
import { localise } from '../courses/catalogue-service.js';

/** A module's title in the reader's language (else the course's default), never its id when the course is known. */
export function moduleTitles(catalogue: Pick<CatalogueService, 'find'>, lang: string) {
  return (courseSlug: string, moduleId: string): string => {
    const course = catalogue.find(courseSlug);
    const mod = course?.modules.find((m) => m.id === moduleId);
    return (mod && localise(mod.title, lang, course!.manifest.defaultLanguage)?.value) ?? moduleId;
  };
}
