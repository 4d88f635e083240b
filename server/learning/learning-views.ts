import { localise } from '../courses/catalogue-service.js';
import type { LoadedCourse } from '../courses/course-model.js';
import type { Quiz } from '../courses/course.schema.js';
import type { QuizAttemptRecord } from '../store/store.js';
import { courseBar, lessonKey, moduleBar, moduleComplete, type ProgressFacts, type Step } from './completion.js';
import { grade, type Answers } from './grading.js';

/** View models for the learning pages: plain data, already in the reader's language. */

export const lessonHref = (slug: string, moduleId: string, lessonId: string) =>
  `/courses/${slug}/modules/${moduleId}/lessons/${lessonId}`;
export const quizHref = (slug: string, quizId: string) => `/courses/${slug}/quizzes/${quizId}`;
/** The title of a step in the reader's language: a lesson's, or a quiz's. */
export function stepTitle(course: LoadedCourse, step: Step, lang: string): string {
  const t = texts(course, lang);
  if (step.kind === 'quiz') return t(course.quizzes.get(step.quizId)?.title)?.value ?? step.quizId;
  const lesson = course.modules.find((m) => m.id === step.moduleId)?.lessons.find((l) => l.id === step.lessonId);
  return t(lesson?.title)?.value ?? step.lessonId;
}

export const stepHref = (slug: string, step: Step | null) =>
  !step
    ? `/courses/${slug}`
    : step.kind === 'lesson'
      ? lessonHref(slug, step.moduleId, step.lessonId)
      : quizHref(slug, step.quizId);

const percent = (ratio: number) => Math.round(ratio * 100);

export function texts(course: LoadedCourse, lang: string) {
  const d = course.manifest.defaultLanguage;
  /** The text and, when it fell back, its language for a `lang` attribute. */
  return <T>(map: Partial<Record<string, T>> | undefined) => {
    const l = localise(map, lang, d);
    return l ? { value: l.value, lang: l.fallback ? l.lang : null } : null;
  };
}

export function outlineView(course: LoadedCourse, lang: string, facts: ProgressFacts | null) {
  const t = texts(course, lang);
  return course.modules.map((mod, i) => {
    const bar = facts ? moduleBar(mod, facts) : null;
    return {
      number: i + 1,
      id: mod.id,
      title: t(mod.title),
      required: mod.required,
      objectives: t(mod.objectives),
      complete: facts ? moduleComplete(mod, facts) : false,
      bar: bar && { ...bar, percent: percent(bar.ratio) },
      lessons: mod.lessons.map((l) => ({
        title: t(l.title),
        minutes: l.minutes,
        href: lessonHref(course.slug, mod.id, l.id),
        done: facts?.doneLessons.has(lessonKey(mod.id, l.id)) ?? false,
      })),
      quiz: mod.quiz
        ? {
            title: t(course.quizzes.get(mod.quiz)!.title),
            href: quizHref(course.slug, mod.quiz),
            passed: facts?.passedQuizzes.has(mod.quiz) ?? false,
          }
        : null,
    };
  });
}

export function courseBarView(course: LoadedCourse, facts: ProgressFacts) {
  const bar = courseBar(course, facts);
  return { ...bar, percent: percent(bar.ratio) };
}

/** Previous / next in course order, through lessons and module quizzes. */
export function lessonNeighbours(course: LoadedCourse, moduleId: string, lessonId: string, lang: string) {
  const t = texts(course, lang);
  const seq: { href: string; title: ReturnType<ReturnType<typeof texts>> }[] = [];
  let here = -1;
  for (const mod of course.modules) {
    for (const l of mod.lessons) {
      if (mod.id === moduleId && l.id === lessonId) here = seq.length;
      seq.push({ href: lessonHref(course.slug, mod.id, l.id), title: t(l.title) });
    }
    if (mod.quiz) seq.push({ href: quizHref(course.slug, mod.quiz), title: t(course.quizzes.get(mod.quiz)!.title) });
  }
  return { previous: here > 0 ? seq[here - 1] : null, next: here >= 0 && here < seq.length - 1 ? seq[here + 1] : null };
}

export function quizFormView(course: LoadedCourse, quiz: Quiz, attempt: QuizAttemptRecord, lang: string) {
  const t = texts(course, lang);
  return quiz.questions.map((q, i) => {
    const base = { number: i + 1, id: q.id, type: q.type, prompt: t(q.prompt), field: `a.${q.id}` };
    const order = attempt.shown[q.id] ?? [];
    switch (q.type) {
      case 'single':
      case 'multiple':
        return {
          ...base,
          choice: true,
          multiple: q.type === 'multiple',
          options: order
            .map((id) => q.options.find((o) => o.id === id)!)
            .map((o) => ({ value: o.id, text: t(o.text) })),
        };
      case 'true-false':
        return { ...base, trueFalse: true };
      case 'matching': {
        const rights = order
          .map((id) => q.pairs.find((p) => p.id === id)!)
          .map((p) => ({ value: p.id, text: t(p.right) }));
        return {
          ...base,
          matching: true,
          rows: q.pairs.map((p) => ({ field: `m.${q.id}.${p.id}`, text: t(p.left), choices: rights })),
        };
      }
      case 'ordering': {
        const positions = q.items.map((_, k) => k + 1);
        return {
          ...base,
          ordering: true,
          rows: order
            .map((id) => q.items.find((it) => it.id === id)!)
            .map((it) => ({ field: `o.${q.id}.${it.id}`, text: t(it.text), positions })),
        };
      }
    }
  });
}

export function resultView(course: LoadedCourse, quiz: Quiz, attempt: QuizAttemptRecord, lang: string) {
  const t = texts(course, lang);
  const graded = grade(quiz, (attempt.answers ?? {}) as Answers, attempt.shown);
  return {
    score: graded.score,
    max: graded.max,
    percent: percent(graded.scaled),
    passed: graded.passed,
    ungraded: graded.passed === null,
    passMark: percent(quiz.passMark),
    questions: quiz.questions.map((q, i) => {
      const g = graded.questions[i];
      return {
        number: i + 1,
        prompt: t(q.prompt),
        correct: g?.correct ?? false,
        answered: g?.answered ?? false,
        feedback: t(g?.correct ? q.feedback.correct : q.feedback.incorrect),
      };
    }),
  };
}
