import type { LoadedCourse, LoadedModule } from '../courses/course-model.js';

/** What a learner has done in one enrolment, as the completion rules need it. */
export interface ProgressFacts {
  doneLessons: ReadonlySet<string>; // "<module-id>/<lesson-id>"
  passedQuizzes: ReadonlySet<string>;
}

export const lessonKey = (moduleId: string, lessonId: string) => `${moduleId}/${lessonId}`;

export interface Bar {
  done: number;
  total: number;
  ratio: number;
}
const bar = (done: number, total: number): Bar => ({ done, total, ratio: total === 0 ? 0 : done / total });

/** A module is complete when all its lessons are done and its quiz, if any, is passed. */
export function moduleComplete(mod: LoadedModule, facts: ProgressFacts): boolean {
  return (
    mod.lessons.every((l) => facts.doneLessons.has(lessonKey(mod.id, l.id))) &&
    (!mod.quiz || facts.passedQuizzes.has(mod.quiz))
  );
}

/** A course package (cmi5, SCORM) has no Praxis final assessment: its units carry their own rules. */
const hasFinal = (course: LoadedCourse) => course.quizzes.has(course.manifest.finalAssessment);

/** Every required module complete and the final assessment passed; the pre-test never counts. */
export function courseComplete(course: LoadedCourse, facts: ProgressFacts): boolean {
  return (
    course.modules.filter((m) => m.required).every((m) => moduleComplete(m, facts)) &&
    (!hasFinal(course) || facts.passedQuizzes.has(course.manifest.finalAssessment))
  );
}

export function moduleBar(mod: LoadedModule, facts: ProgressFacts): Bar {
  const lessons = mod.lessons.filter((l) => facts.doneLessons.has(lessonKey(mod.id, l.id))).length;
  const quiz = mod.quiz ? (facts.passedQuizzes.has(mod.quiz) ? 1 : 0) : 0;
  return bar(lessons + quiz, mod.lessons.length + (mod.quiz ? 1 : 0));
}

/** Course progress counts lessons and graded quizzes of required modules, plus the final assessment. */
export function courseBar(course: LoadedCourse, facts: ProgressFacts): Bar {
  const bars = course.modules.filter((m) => m.required).map((m) => moduleBar(m, facts));
  const final = hasFinal(course) ? [facts.passedQuizzes.has(course.manifest.finalAssessment) ? 1 : 0] : [];
  return bar(
    bars.reduce((n, b) => n + b.done, 0) + final.reduce((a, b) => a + b, 0),
    bars.reduce((n, b) => n + b.total, 0) + final.length,
  );
}

export type Step = { kind: 'lesson'; moduleId: string; lessonId: string } | { kind: 'quiz'; quizId: string };

/**
 * "Continue where you left off": the last lesson opened if it is not done yet, otherwise the first
 * unfinished step after it in course order, otherwise the first unfinished step anywhere.
 */
export function nextStep(
  course: LoadedCourse,
  facts: ProgressFacts,
  lastOpened?: { moduleId: string; lessonId: string } | null,
): Step | null {
  const steps: (Step & { done: boolean })[] = [];
  for (const mod of course.modules) {
    for (const l of mod.lessons)
      steps.push({
        kind: 'lesson',
        moduleId: mod.id,
        lessonId: l.id,
        done: facts.doneLessons.has(lessonKey(mod.id, l.id)) || !mod.required,
      });
    if (mod.quiz)
      steps.push({ kind: 'quiz', quizId: mod.quiz, done: facts.passedQuizzes.has(mod.quiz) || !mod.required });
  }
  const finalId = course.manifest.finalAssessment;
  if (hasFinal(course)) steps.push({ kind: 'quiz', quizId: finalId, done: facts.passedQuizzes.has(finalId) });
  const from = lastOpened
    ? steps.findIndex(
        (s) => s.kind === 'lesson' && s.moduleId === lastOpened.moduleId && s.lessonId === lastOpened.lessonId,
      )
    : -1;
  const pick = (from >= 0 ? steps.slice(from).find((s) => !s.done) : undefined) ?? steps.find((s) => !s.done);
  if (!pick) return null;
  const { done: _d, ...step } = pick;
  return step;
}
