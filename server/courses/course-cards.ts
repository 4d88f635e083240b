import { LANGUAGE_NAMES, isLanguage } from '../http/i18n.js';
import type { CatalogueFilter, CatalogueService, CourseSummary } from './catalogue-service.js';
import type { Illustrations } from './illustrations.js';

export const languageName = (code: string) => (isLanguage(code) ? LANGUAGE_NAMES[code] : code);

export interface CourseCard extends CourseSummary {
  languageNames: { code: string; name: string }[];
  illustration: string;
}

/** The catalogue's courses as cards (catalogue page and home page): names of languages, the course's drawing. */
export function courseCards(
  catalogue: CatalogueService,
  illustrations: Illustrations,
  lang: string,
  filter: CatalogueFilter = {},
): CourseCard[] {
  return catalogue.list(lang, filter).map((c) => ({
    ...c,
    languageNames: c.languages.map((l) => ({ code: l, name: languageName(l) })),
    // Imported cmi5 / SCORM packages have no drawing of ours: they get the generic one.
    illustration: illustrations.src(c.slug),
  }));
}
