import { localise, type CatalogueService } from '../courses/catalogue-service.js';

export type CourseTitles = (slug: string, lang: string) => string;

/**
 * Course titles by language for the statistics tables, from the catalogue (so imported packages
 * count too). A course the catalogue does not serve (removed, broken) stands for itself by its slug.
 */
export function catalogueTitles(catalogue: Pick<CatalogueService, 'find'>): CourseTitles {
  return (slug, lang) => {
    const m = catalogue.find(slug)?.manifest;
    return (m && localise(m.title, lang, m.defaultLanguage)?.value) ?? slug;
  };
}
