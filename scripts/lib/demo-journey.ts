/**
 * One learner's way through one course, driven through the learning service (so statements,
 * progress and counters stay consistent). This is the only place seed-demo touches the learner
 * journey: swap `learnerJourney` to change how learners are simulated.
 */
import type { Question } from '../../server/courses/course.schema.js';
import type { Answer, Answers } from '../../server/learning/grading.js';
import type { AppDeps } from '../../server/deps.js';
import type { UserRecord } from '../../server/store/store.js';
import type { Random } from './random.js';

export interface JourneyClock {
  set(at: Date): void;
  now(): Date;
}

function answerFor(q: Question, right: boolean): Answer {
  if (!right)
    return q.type === 'multiple'
      ? { type: 'multiple', choices: [] }
      : q.type === 'matching'
        ? { type: 'matching', matches: {} }
        : q.type === 'ordering'
          ? { type: 'ordering', positions: {} }
          : q.type === 'true-false'
            ? { type: 'true-false' }
            : { type: 'single' };
  switch (q.type) {
    case 'single':
      return { type: 'single', choice: q.options.find((o) => o.correct)!.id };
    case 'multiple':
      return { type: 'multiple', choices: q.options.filter((o) => o.correct).map((o) => o.id) };
    case 'true-false':
      return { type: 'true-false', value: q.answer };
    case 'matching':
      return { type: 'matching', matches: Object.fromEntries(q.pairs.map((p) => [p.id, p.id])) };
    case 'ordering':
      return { type: 'ordering', positions: Object.fromEntries(q.items.map((it, i) => [it.id, i + 1])) };
  }
}

/** Learners get as far as their persistence takes them; a failed quiz is retried once, a little better prepared. */
export async function learnerJourney(
  deps: AppDeps,
  r: Random,
  clock: JourneyClock,
  user: UserRecord,
  slug: string,
  start: Date,
  end: Date,
): Promise<void> {
  const { learning, catalogue } = deps;
  const course = catalogue.get(slug);
  const lang = course.manifest.languages.includes(user.language as never)
    ? user.language
    : course.manifest.defaultLanguage;
  let t = start.getTime();
  const step = async <T>(minutes: [number, number], fn: () => Promise<T>): Promise<T | null> => {
    t += r.int(minutes[0], minutes[1]) * 60_000;
    if (t > end.getTime()) return null;
    clock.set(new Date(t));
    return fn();
  };
  const takeQuiz = async (quizId: string, skill: number) => {
    const quiz = catalogue.quiz(course, quizId);
    for (let attempt = 0; attempt < 2; attempt++) {
      const a = await step([5, 60 * 24], () => learning.startAttempt(user, slug, quizId, lang).catch(() => null));
      if (!a) return false;
      const answers: Answers = Object.fromEntries(
        quiz.questions.map((q) => [q.id, answerFor(q, r.chance(skill + attempt * 0.2))]),
      );
      const done = await step([3, 30], () => learning.submitAttempt(user, slug, quizId, a.id, answers, lang));
      if (done?.passed) return true;
    }
    return false;
  };

  if (!(await step([0, 10], () => learning.enrol(user, slug, lang)))) return;
  const persistence = r.next();
  const skill = 0.6 + r.next() * 0.4;
  for (const [i, mod] of course.modules.entries()) {
    if (i / course.modules.length > persistence * 1.4) return;
    for (const lesson of mod.lessons) {
      if (!(await step([10, 60 * 24 * 3], () => learning.openLesson(user, slug, mod.id, lesson.id, lang)))) return;
      if (!(await step([5, 40], () => learning.markLessonDone(user, slug, mod.id, lesson.id, lang)))) return;
    }
    if (mod.quiz && !(await takeQuiz(mod.quiz, skill))) return;
  }
  await takeQuiz(course.manifest.finalAssessment, skill);
}
