import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { imageSize } from 'image-size';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { isLanguage, type Language } from '../http/i18n.js';
import { CourseManifest, QuizFile, formatPath, type Quiz } from './course.schema.js';
import { languageGaps, manifestTexts, quizReferences, quizTexts } from './course-checks.js';
import type { CourseLoadResult, LoadedCourse, LoadedLesson } from './course-model.js';
import { createLessonRenderer, type AssetInfo } from './markdown.js';

const IMAGE = /\.(png|jpe?g|gif|webp|svg|avif)$/i;

/** Reads every package under `dir`. A package with any error is reported and left out; the others load. */
export function loadCourses(dir: string, displayBase = process.cwd()): CourseLoadResult {
  const result: CourseLoadResult = { courses: [], broken: [] };
  if (!existsSync(dir)) return result;
  const slugs = readdirSync(dir)
    .filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isDirectory())
    .sort();
  for (const slug of slugs) {
    const { course, errors } = loadCourse(join(dir, slug), slug, displayBase);
    if (course && errors.length === 0) result.courses.push(course);
    else result.broken.push({ slug, errors });
  }
  return result;
}

function show(file: string, base: string): string {
  const rel = relative(base, file);
  return (rel.startsWith('..') ? file : rel).split(sep).join('/');
}

function readYaml<S extends z.ZodType>(file: string, schema: S, label: string, errors: string[]): z.infer<S> | null {
  const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      errors.push(
        `${label}: line ${e.linePos?.[0]?.line ?? '?'}: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      );
    return null;
  }
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    errors.push(`${label}: ${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
  return null;
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const p = join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

function readAssets(dir: string, label: (f: string) => string, errors: string[]): Map<string, AssetInfo> {
  const assets = new Map<string, AssetInfo>();
  for (const name of listFiles(dir)) {
    if (!IMAGE.test(name)) {
      assets.set(name, {});
      continue;
    }
    try {
      const { width, height } = imageSize(readFileSync(join(dir, name)));
      assets.set(name, { width, height });
    } catch {
      errors.push(`${label(`assets/${name}`)}: not a readable image`);
      assets.set(name, {});
    }
  }
  return assets;
}

function readQuizzes(dir: string, label: (f: string) => string, errors: string[]): Map<string, Quiz> {
  const quizzes = new Map<string, Quiz>();
  for (const name of listFiles(dir)) {
    const file = `quizzes/${name}`;
    if (!/^[a-z0-9-]+\.yaml$/.test(name)) {
      errors.push(`${label(file)}: quiz files are named <quiz-id>.yaml`);
      continue;
    }
    const quiz = readYaml(join(dir, name), QuizFile, label(file), errors);
    if (!quiz) continue;
    const id = name.replace(/\.yaml$/, '');
    if (quiz.id !== id) errors.push(`${label(file)}: id: "${quiz.id}" must equal the file name "${id}"`);
    quizzes.set(id, quiz);
  }
  return quizzes;
}

export function loadCourse(
  dir: string,
  slug: string,
  displayBase: string,
): { course: LoadedCourse | null; errors: string[] } {
  const errors: string[] = [];
  const label = (f: string) => show(join(dir, f), displayBase);
  if (!existsSync(join(dir, 'course.yaml')))
    return { course: null, errors: [`${label('course.yaml')}: file is missing`] };
  const manifest = readYaml(join(dir, 'course.yaml'), CourseManifest, label('course.yaml'), errors);
  const quizzes = readQuizzes(join(dir, 'quizzes'), label, errors);
  const assets = readAssets(join(dir, 'assets'), label, errors);
  if (!manifest) return { course: null, errors };

  const m = manifest;
  const at = (path: string, msg: string) => errors.push(`${label('course.yaml')}: ${path}: ${msg}`);
  if (m.id !== slug) at('id', `"${m.id}" must equal the folder name "${slug}"`);
  if (!m.languages.includes(m.defaultLanguage))
    at('languages', `must include the default language "${m.defaultLanguage}"`);
  for (const e of languageGaps(manifestTexts(m), m.defaultLanguage, m.languages))
    errors.push(`${label('course.yaml')}: ${e}`);
  for (const ref of quizReferences(m)) {
    const quiz = quizzes.get(ref.id);
    if (!quiz) at(ref.path, `no quiz "${ref.id}" in quizzes/`);
    else if (quiz.kind !== ref.kind) at(ref.path, `quiz "${ref.id}" has kind "${quiz.kind}", expected "${ref.kind}"`);
  }
  for (const [id, quiz] of quizzes) {
    for (const e of languageGaps(quizTexts(quiz), m.defaultLanguage, m.languages))
      errors.push(`${label(`quizzes/${id}.yaml`)}: ${e}`);
  }

  const render = createLessonRenderer(slug, assets);
  const known = new Map(m.modules.map((mod) => [mod.id, new Set(mod.lessons.map((l) => l.id))]));
  const html = new Map<string, Partial<Record<Language, string>>>();
  for (const name of listFiles(join(dir, 'lessons'))) {
    const file = `lessons/${name}`;
    const match = /^([^/]+)\/([^/]+)\.([a-z]{2})\.md$/.exec(name);
    if (!match) {
      errors.push(`${label(file)}: lesson files are named lessons/<module-id>/<lesson-id>.<lang>.md`);
      continue;
    }
    const [, moduleId = '', lessonId = '', lang] = match;
    if (!isLanguage(lang)) {
      errors.push(`${label(file)}: unknown language "${lang}"`);
      continue;
    }
    if (!known.get(moduleId)?.has(lessonId)) {
      errors.push(`${label(file)}: no lesson "${lessonId}" in module "${moduleId}" of course.yaml`);
      continue;
    }
    const rendered = render(readFileSync(join(dir, 'lessons', name), 'utf8'));
    for (const p of rendered.problems) errors.push(`${label(file)}: line ${p.line}: ${p.message}`);
    const key = `${moduleId}/${lessonId}`;
    html.set(key, { ...html.get(key), [lang]: rendered.html });
  }

  const modules = m.modules.map((mod, i) => ({
    ...mod,
    lessons: mod.lessons.map((lesson, j): LoadedLesson => {
      const files = html.get(`${mod.id}/${lesson.id}`) ?? {};
      for (const lang of m.languages) {
        if (!files[lang])
          at(
            `modules[${i}].lessons[${j}]`,
            `no file lessons/${mod.id}/${lesson.id}.${lang}.md${lang === m.defaultLanguage ? ' (the default language)' : ', and the language is listed in languages'}`,
          );
      }
      return { ...lesson, moduleId: mod.id, html: files };
    }),
  }));
  return { course: { slug, dir, manifest: m, modules, quizzes, assets }, errors };
}
