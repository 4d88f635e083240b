import type { CourseManifest, Quiz } from './course.schema.js';

/** Every localised field of a manifest or quiz, with its path as authors read it. */
type Field = [path: string, value: Record<string, unknown>];

export function manifestTexts(m: CourseManifest): Field[] {
  const out: Field[] = [
    ['title', m.title],
    ['summary', m.summary],
  ];
  m.modules.forEach((mod, i) => {
    out.push([`modules[${i}].title`, mod.title]);
    if (mod.objectives) out.push([`modules[${i}].objectives`, mod.objectives]);
    if (mod.summary) out.push([`modules[${i}].summary`, mod.summary]);
    mod.lessons.forEach((l, j) => out.push([`modules[${i}].lessons[${j}].title`, l.title]));
  });
  return out;
}

export function quizTexts(q: Quiz): Field[] {
  const out: Field[] = [['title', q.title]];
  q.questions.forEach((question, i) => {
    const p = `questions[${i}]`;
    out.push(
      [`${p}.prompt`, question.prompt],
      [`${p}.feedback.correct`, question.feedback.correct],
      [`${p}.feedback.incorrect`, question.feedback.incorrect],
    );
    if (question.type === 'single' || question.type === 'multiple')
      question.options.forEach((o, k) => out.push([`${p}.options[${k}].text`, o.text]));
    if (question.type === 'matching')
      question.pairs.forEach((x, k) =>
        out.push([`${p}.pairs[${k}].left`, x.left], [`${p}.pairs[${k}].right`, x.right]),
      );
    if (question.type === 'ordering') question.items.forEach((x, k) => out.push([`${p}.items[${k}].text`, x.text]));
  });
  return out;
}

/** The default language must be everywhere; a listed language must be complete. */
export function languageGaps(fields: Field[], defaultLanguage: string, languages: readonly string[]): string[] {
  const errors: string[] = [];
  for (const [path, value] of fields) {
    if (!(defaultLanguage in value)) errors.push(`${path}: missing the default language "${defaultLanguage}"`);
    for (const lang of languages) {
      if (lang !== defaultLanguage && !(lang in value))
        errors.push(`${path}: missing "${lang}", which is listed in languages`);
    }
  }
  return errors;
}

/** References from the manifest to quizzes, and the kind each referenced quiz must have. */
export function quizReferences(m: CourseManifest): { path: string; id: string; kind: Quiz['kind'] }[] {
  const refs: { path: string; id: string; kind: Quiz['kind'] }[] = [];
  m.modules.forEach((mod, i) => {
    if (mod.quiz) refs.push({ path: `modules[${i}].quiz`, id: mod.quiz, kind: 'module' });
  });
  if (m.preTest) refs.push({ path: 'preTest', id: m.preTest, kind: 'pre-test' });
  refs.push({ path: 'finalAssessment', id: m.finalAssessment, kind: 'final' });
  return refs;
}
