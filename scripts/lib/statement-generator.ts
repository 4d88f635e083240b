/**
 * Seeded generator of realistic xAPI traffic for benchmarks and demo data: learners working through
 * the courses (registered, experienced, attempted, answered, passed/failed, completed), with
 * timestamps spread over two years. Statements use the platform vocabulary (docs/xapi-vocabulary.md).
 */
import { type LearnerProfile, learnerProfile } from './learner-profile.js';
import { seededRandom } from './random.js';

const ADL = 'http://adlnet.gov/expapi/verbs/';
const ACT = 'http://adlnet.gov/expapi/activities/';
const verb = (id: string) => ({ id: ADL + id, display: { 'en-US': id } });

export interface GeneratorCourse {
  slug: string;
  modules: { id: string; lessons: string[]; quiz?: string; questions: number }[];
  final: string;
  finalQuestions: number;
}

/** The shape of the three shipped courses, enough to generate traffic without reading the packages. */
export const DEFAULT_COURSES: GeneratorCourse[] = [
  {
    slug: 'line-up-live-up',
    modules: Array.from({ length: 8 }, (_, m) => ({
      id: `m${m + 1}`,
      lessons: ['l1', 'l2', 'l3'],
      quiz: `m${m + 1}-quiz`,
      questions: 6,
    })),
    final: 'final',
    finalQuestions: 14,
  },
  {
    slug: 'essential-services-package',
    modules: Array.from({ length: 7 }, (_, m) => ({
      id: `m${m + 1}`,
      lessons: ['l1', 'l2', 'l3'],
      quiz: `m${m + 1}-quiz`,
      questions: 7,
    })),
    final: 'final',
    finalQuestions: 15,
  },
  {
    slug: 'alternatives-to-imprisonment',
    modules: Array.from({ length: 7 }, (_, m) => ({
      id: `m${m + 1}`,
      lessons: ['l1', 'l2', 'l3'],
      quiz: `m${m + 1}-quiz`,
      questions: 6,
    })),
    final: 'final',
    finalQuestions: 15,
  },
];

export interface GeneratedLearner extends LearnerProfile {
  id: string;
}

export function* generateStatements(opts: {
  seed: number;
  publicUrl: string;
  count: number;
  start?: Date;
  days?: number;
  courses?: GeneratorCourse[];
}) {
  const r = seededRandom(opts.seed);
  const courses = opts.courses ?? DEFAULT_COURSES;
  const start = (opts.start ?? new Date('2024-12-01T00:00:00Z')).getTime();
  const span = (opts.days ?? 730) * 86_400_000;
  const authority = { objectType: 'Agent', account: { homePage: opts.publicUrl, name: 'praxis-platform' } };
  let emitted = 0;

  while (emitted < opts.count) {
    const learner: GeneratedLearner = { id: r.uuid(), ...learnerProfile(r) };
    const actor = { objectType: 'Agent', account: { homePage: opts.publicUrl, name: learner.id } };
    const course = r.pick(courses);
    const courseId = `${opts.publicUrl}/courses/${course.slug}`;
    const registration = r.uuid();
    let t = start + Math.floor(r.next() * span);
    const lang = r.weighted([
      ['en', 50],
      ['es', 12],
      ['fr', 10],
      ['ru', 10],
      ['ar', 10],
      ['pt', 6],
      ['zh', 2],
    ] as const);
    const base = (v: string, object: object, extra: Record<string, unknown> = {}) => {
      t += r.int(20_000, 900_000);
      emitted++;
      return {
        id: r.uuid(),
        actor,
        verb: verb(v),
        object,
        context: {
          registration,
          language: lang,
          contextActivities: { grouping: [{ id: courseId, objectType: 'Activity' }] },
        },
        timestamp: new Date(t).toISOString(),
        authority,
        ...extra,
      };
    };
    const activity = (id: string, type: string, name: string) => ({
      objectType: 'Activity',
      id,
      definition: { type: ACT + type, name: { en: name } },
    });
    const quizRun = function* (quizId: string, questions: number, skill: number) {
      const quiz = activity(`${courseId}/quizzes/${quizId}`, 'assessment', quizId);
      yield base('attempted', quiz);
      let right = 0;
      for (let q = 1; q <= questions; q++) {
        const ok = r.chance(skill);
        if (ok) right++;
        yield base(
          'answered',
          {
            objectType: 'Activity',
            id: `${quiz.id}/questions/q${q}`,
            definition: { type: `${ACT}cmi.interaction`, interactionType: 'choice' },
          },
          { result: { success: ok } },
        );
      }
      const scaled = Math.round((right / questions) * 100) / 100;
      const passed = scaled >= 0.7;
      yield base(passed ? 'passed' : 'failed', quiz, {
        result: { score: { scaled, raw: right, min: 0, max: questions }, success: passed, completion: true },
      });
      return passed;
    };

    yield base('registered', activity(courseId, 'course', course.slug));
    const persistence = r.next(); // how far this learner gets
    const skill = 0.55 + r.next() * 0.4;
    let finished = true;
    for (const [mi, m] of course.modules.entries()) {
      if (mi / course.modules.length > persistence * 1.3) {
        finished = false;
        break;
      }
      const moduleId = `${courseId}/modules/${m.id}`;
      for (const l of m.lessons) {
        const lesson = activity(`${moduleId}/lessons/${l}`, 'lesson', l);
        yield base('experienced', lesson);
        yield base('completed', lesson, { result: { completion: true } });
      }
      if (m.quiz) {
        let passed = yield* quizRun(m.quiz, m.questions, skill);
        if (!passed) passed = yield* quizRun(m.quiz, m.questions, Math.min(0.98, skill + 0.15));
        if (!passed) {
          finished = false;
          break;
        }
      }
      yield base('completed', activity(moduleId, 'module', m.id), { result: { completion: true } });
      if (emitted >= opts.count) return;
    }
    if (finished && (yield* quizRun(course.final, course.finalQuestions, skill + 0.1))) {
      yield base('completed', activity(courseId, 'course', course.slug), { result: { completion: true } });
    }
  }
}
