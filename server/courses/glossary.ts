import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { manifestTexts, quizTexts } from './course-checks.js';
import type { LoadedCourse } from './course-model.js';
import { COURSE_LANGUAGES } from './course.schema.js';

/**
 * `courses/<slug>/glossary.yaml`: the course's key terms and their one rendering per language.
 * A rendering may list the forms a language inflects it into (Russian and Arabic cases).
 */
const Forms = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]);
export const GlossaryFile = z.strictObject({
  terms: z.array(z.partialRecord(z.enum(COURSE_LANGUAGES), Forms)).min(1),
});
export type Glossary = z.infer<typeof GlossaryFile>;

const forms = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase();
const plain = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Every translatable text of the course, by where an author finds it, as language -> text. */
function places(course: LoadedCourse): [string, Record<string, string>][] {
  const out: [string, Record<string, string>][] = [];
  const text = (v: unknown) => (Array.isArray(v) ? v.join(' ') : String(v));
  for (const [path, value] of manifestTexts(course.manifest)) {
    out.push([`course.yaml ${path}`, Object.fromEntries(Object.entries(value).map(([l, v]) => [l, text(v)]))]);
  }
  for (const [id, quiz] of course.quizzes) {
    for (const [path, value] of quizTexts(quiz)) {
      out.push([`quizzes/${id}.yaml ${path}`, Object.fromEntries(Object.entries(value).map(([l, v]) => [l, text(v)]))]);
    }
  }
  for (const mod of course.modules) {
    for (const lesson of mod.lessons) {
      out.push([
        `lessons/${mod.id}/${lesson.id}`,
        Object.fromEntries(Object.entries(lesson.html).map(([l, h]) => [l, plain(h ?? '')])),
      ]);
    }
  }
  return out;
}

/**
 * Where the default-language text uses a glossary term, each translation of that text must use the
 * glossary's rendering: a term rendered another way is flagged with its place and language.
 */
export function glossaryFindings(course: LoadedCourse, glossary: Glossary): string[] {
  const source = course.manifest.defaultLanguage;
  const findings: string[] = [];
  const all = places(course);
  for (const term of glossary.terms) {
    const originals = forms(term[source]).map(fold);
    if (originals.length === 0) continue;
    for (const [place, texts] of all) {
      const original = texts[source];
      if (!original || !originals.some((o) => fold(original).includes(o))) continue;
      for (const [lang, translated] of Object.entries(texts)) {
        const wanted = forms(term[lang as keyof typeof term]);
        if (lang === source || wanted.length === 0 || wanted.some((w) => fold(translated).includes(fold(w)))) continue;
        findings.push(
          `${place} (${lang}): "${forms(term[source])[0]}" is not rendered as "${wanted.join('" or "')}" (glossary.yaml)`,
        );
      }
    }
  }
  return findings;
}

/** Reads and checks a course's glossary; a course without one has nothing to check. */
export function checkGlossary(course: LoadedCourse): { errors: string[]; findings: string[] } {
  const file = join(course.dir, 'glossary.yaml');
  if (!existsSync(file)) return { errors: [], findings: [] };
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { errors: [`glossary.yaml: not valid YAML: ${(err as Error).message.split('\n')[0]}`], findings: [] };
  }
  const parsed = GlossaryFile.safeParse(raw);
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((i) => `glossary.yaml: ${i.path.join('.') || '(top)'}: ${i.message}`),
      findings: [],
    };
  }
  return { errors: [], findings: glossaryFindings(course, parsed.data) };
}
