import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCourses } from '../../../server/courses/course-loader.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/courses');
const ROOT = join(import.meta.dirname, '../../..');
const load = (dir: string) => loadCourses(join(FIXTURES, dir), ROOT);
const errorsOf = (slug: string) => load('broken').broken.find((b) => b.slug === slug)?.errors ?? [];
const B = 'test/fixtures/courses/broken';

describe('course loader', () => {
  it('loads a valid package: modules in order, quizzes, assets with their size, lessons per language', () => {
    const { courses, broken } = load('valid');

    expect(broken).toEqual([]);
    const course = courses[0];
    expect(course.slug).toBe('fixture-course');
    expect(course.modules.map((m) => m.id)).toEqual(['m1-basics', 'm2-practice', 'm3-extra']);
    expect(course.modules[2].required).toBe(false);
    expect([...course.quizzes.keys()].sort()).toEqual(['final', 'm1-quiz', 'pre-test']);
    expect(course.assets.get('diagram.png')).toEqual({ width: 40, height: 20 });
    expect(Object.keys(course.modules[0].lessons[0].html).sort()).toEqual(['ar', 'en', 'fr']);
  });

  it('renders Markdown without raw HTML, with checked links and lazy images of known size', () => {
    const html = load('valid').courses[0].modules[0].lessons[0].html.en!;

    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<a href="https://www.un.org/" rel="noopener">');
    expect(html).toContain('<a href="mailto:info@example.org">');
    expect(html).toContain('<a href="/courses/fixture-course/assets/handout.txt">');
    expect(html).toContain(
      '<img src="/courses/fixture-course/assets/diagram.png" alt="A blue square" width="40" height="20" loading="lazy" decoding="async">',
    );
  });

  it('keeps serving the good course next to broken ones', () => {
    const { courses, broken } = load('broken');

    expect(courses.map((c) => c.slug)).toEqual(['ok-neighbour']);
    expect(broken.map((b) => b.slug)).toEqual([
      'bad-links',
      'bad-schema',
      'bad-yaml',
      'missing-lesson',
      'missing-quiz',
      'wrong-language-list',
    ]);
  });

  it('names a missing quiz and a quiz of the wrong kind', () => {
    expect(errorsOf('missing-quiz')).toEqual([
      `${B}/missing-quiz/course.yaml: modules[0].quiz: no quiz "m3-quiz" in quizzes/`,
      `${B}/missing-quiz/course.yaml: finalAssessment: quiz "final" has kind "module", expected "final"`,
    ]);
  });

  it('names a missing default-language lesson file and a file for an unknown lesson', () => {
    expect(errorsOf('missing-lesson')).toEqual([
      `${B}/missing-lesson/lessons/m1/l9.en.md: no lesson "l9" in module "m1" of course.yaml`,
      `${B}/missing-lesson/course.yaml: modules[0].lessons[0]: no file lessons/m1/l1.en.md (the default language)`,
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(errorsOf('bad-yaml')[0]).toBe(`${B}/bad-yaml/course.yaml: line 3: Missing closing "quote`);
  });

  it('reports schema errors with the path inside the file', () => {
    expect(errorsOf('bad-schema')).toEqual([
      `${B}/bad-schema/course.yaml: version: must be a semantic version such as 1.0.0`,
      `${B}/bad-schema/course.yaml: audience[0]: must be one of police, prosecution, judiciary, prison-probation, social-services, health, education-sport, civil-society, coaches, teachers, policy-makers, general`,
      `${B}/bad-schema/quizzes/m1-quiz.yaml: passMark: Too big: expected number to be <=1`,
      `${B}/bad-schema/quizzes/m1-quiz.yaml: questions[0].options: needs at least one correct option`,
    ]);
  });

  it('refuses insecure links, images outside assets/, missing assets and path traversal', () => {
    const file = `${B}/bad-links/lessons/m1/l1.en.md`;
    expect(errorsOf('bad-links')).toEqual([
      `${file}: line 3: link "http://example.org/" is not allowed (use https://, mailto:, #anchor or a file in assets/)`,
      `${file}: line 5: image "../../../etc/passwd.png" must be a file in the package's assets/`,
      `${file}: line 7: image "assets/missing.png": no such file in assets/`,
      `${file}: line 7: image "assets/missing.png" needs alt text`,
      `${file}: line 9: link "assets/../course.yaml" is not allowed (use https://, mailto:, #anchor or a file in assets/)`,
    ]);
  });

  it('requires a listed language to be complete in texts, quizzes and lesson files', () => {
    const errors = errorsOf('wrong-language-list');

    expect(errors).toContain(`${B}/wrong-language-list/course.yaml: title: missing "es", which is listed in languages`);
    expect(errors).toContain(
      `${B}/wrong-language-list/quizzes/final.yaml: questions[0].prompt: missing "es", which is listed in languages`,
    );
    expect(errors).toContain(
      `${B}/wrong-language-list/course.yaml: modules[0].lessons[0]: no file lessons/m1/l1.es.md, and the language is listed in languages`,
    );
  });
});

describe('the shipped courses', () => {
  it('all load without a single error (what npm run check-courses checks)', () => {
    const { courses, broken } = loadCourses(join(ROOT, 'courses'), ROOT);

    expect(broken).toEqual([]);
    expect(courses.map((c) => c.slug)).toEqual([
      'alternatives-to-imprisonment',
      'essential-services-package',
      'line-up-live-up',
    ]);
    for (const c of courses) {
      expect(c.modules.length).toBeGreaterThanOrEqual(5);
      expect(c.modules.flatMap((m) => m.lessons).length).toBeGreaterThanOrEqual(15);
    }
  });
});
