import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadCourse } from '../courses/course-loader.js';
import type { PackageKindHandler } from './package-kinds.js';

/**
 * A Praxis course package (course.yaml, docs/course-format.md) uploaded as a zip: the same checks as
 * `npm run check-courses`, run on the unpacked files before they are kept.
 */
export const praxisKind: PackageKindHandler = {
  kind: 'praxis',
  manifest: 'course.yaml',
  async inspect(read) {
    const file = await read('course.yaml');
    let doc: unknown;
    try {
      doc = parse(file?.toString('utf8') ?? '');
    } catch (err) {
      return { ok: false, problems: [`course.yaml: not valid YAML: ${(err as Error).message.split('\n')[0]}`] };
    }
    const m = (doc ?? {}) as {
      id?: unknown;
      title?: unknown;
      summary?: unknown;
      languages?: unknown;
      defaultLanguage?: unknown;
    };
    if (typeof m.id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(m.id))
      return { ok: false, problems: ['course.yaml: id: must be lower-case kebab-case'] };
    const map = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, string>) : {});
    return {
      ok: true,
      meta: {
        sourceId: m.id,
        title: map(m.title),
        description: map(m.summary),
        languages: Array.isArray(m.languages) ? m.languages.map(String) : [],
        defaultLanguage: String(m.defaultLanguage ?? 'en'),
        structure: {},
      },
    };
  },
  outline: () => ({ modules: [] }),
  async checkExtracted(dir) {
    const id = (parse(readFileSync(join(dir, 'course.yaml'), 'utf8')) as { id: string }).id;
    return loadCourse(dir, id, dir).errors;
  },
};
