import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type CourseTitles = (slug: string, lang: string) => string;

/**
 * Course titles by language from the packages' manifests, for the statistics tables. Once the course
 * catalogue is merged, the container can pass the catalogue's titles instead.
 */
export function loadCourseTitles(coursesDir: string): CourseTitles {
  const titles = new Map<string, { title: Record<string, string>; defaultLanguage: string }>();
  if (existsSync(coursesDir)) {
    for (const slug of readdirSync(coursesDir)) {
      const file = join(coursesDir, slug, 'course.yaml');
      if (!existsSync(file)) continue;
      try {
        const m = parse(readFileSync(file, 'utf8')) as { title?: Record<string, string>; defaultLanguage?: string };
        if (m?.title) titles.set(slug, { title: m.title, defaultLanguage: m.defaultLanguage ?? 'en' });
      } catch { /* a broken manifest is reported by check-courses; the slug stands in for its title */ }
    }
  }
  return (slug, lang) => {
    const c = titles.get(slug);
    return c ? c.title[lang] ?? c.title[c.defaultLanguage] ?? slug : slug;
  };
}
