import type { LoadedCourse } from '../courses/course-model.js';
import type { Question, Quiz } from '../courses/course.schema.js';
import type { LedgerEntry } from '../store/store.js';
import { learnerActor, platformEntry } from '../ledger/platform.js';
import type { Activity, ActivityDefinition, Statement, StatementObject } from '../ledger/statement.js';
import type { GradeResult } from './grading.js';

/** The statements of the learner journey (docs/xapi-vocabulary.md), built as pure functions. */

const ADL_VERB = 'http://adlnet.gov/expapi/verbs/';
const ADL_TYPE = 'http://adlnet.gov/expapi/activities/';
export const VERBS = {
  registered: { id: `${ADL_VERB}registered`, display: { en: 'registered' } },
  experienced: { id: `${ADL_VERB}experienced`, display: { en: 'experienced' } },
  completed: { id: `${ADL_VERB}completed`, display: { en: 'completed' } },
  attempted: { id: `${ADL_VERB}attempted`, display: { en: 'attempted' } },
  answered: { id: `${ADL_VERB}answered`, display: { en: 'answered' } },
  passed: { id: `${ADL_VERB}passed`, display: { en: 'passed' } },
  failed: { id: `${ADL_VERB}failed`, display: { en: 'failed' } },
} as const;

export interface StatementContext {
  publicUrl: string;
  now: Date;
  user: { id: string };
  course: LoadedCourse;
  registration: string; // the enrolment id
  language: string;
}

export const courseIri = (publicUrl: string, slug: string) => `${publicUrl}/courses/${slug}`;
export const moduleIri = (publicUrl: string, slug: string, moduleId: string) =>
  `${courseIri(publicUrl, slug)}/modules/${moduleId}`;
export const lessonIri = (publicUrl: string, slug: string, moduleId: string, lessonId: string) =>
  `${moduleIri(publicUrl, slug, moduleId)}/lessons/${lessonId}`;
export const quizIri = (publicUrl: string, slug: string, quizId: string) =>
  `${courseIri(publicUrl, slug)}/quizzes/${quizId}`;
export const attemptExtension = (publicUrl: string) => `${publicUrl}/xapi/extensions/attempt`;
/** What the ledger needs to rebuild the progress (server/store/learning-projection.ts). */
export const courseVersionExtension = (publicUrl: string) => `${publicUrl}/xapi/extensions/course-version`;
export const shownExtension = (publicUrl: string) => `${publicUrl}/xapi/extensions/shown`;
export const answersExtension = (publicUrl: string) => `${publicUrl}/xapi/extensions/answers`;

const activity = (
  id: string,
  type: string,
  name?: Record<string, string>,
  extra: Partial<ActivityDefinition> = {},
): Activity => ({
  objectType: 'Activity',
  id,
  definition: { type: `${ADL_TYPE}${type}`, ...(name ? { name } : {}), ...extra },
});

function courseActivity(c: StatementContext) {
  return activity(courseIri(c.publicUrl, c.course.slug), 'course', c.course.manifest.title as Record<string, string>);
}
function moduleActivity(c: StatementContext, moduleId: string) {
  const mod = c.course.modules.find((m) => m.id === moduleId)!;
  return activity(moduleIri(c.publicUrl, c.course.slug, moduleId), 'module', mod.title as Record<string, string>);
}

function entry(
  c: StatementContext,
  verb: keyof typeof VERBS,
  object: StatementObject,
  parents: Activity[],
  extra: Pick<Statement, 'result' | 'timestamp'> = {},
  ext?: Record<string, unknown>,
): LedgerEntry {
  const grouping = [courseActivity(c)];
  return platformEntry(
    {
      actor: learnerActor(c.publicUrl, c.user),
      verb: VERBS[verb],
      object,
      context: {
        registration: c.registration,
        language: c.language,
        platform: 'Praxis',
        contextActivities: parents.length ? { parent: parents, grouping } : {},
        ...(ext ? { extensions: ext } : {}),
      },
      ...extra,
    },
    { publicUrl: c.publicUrl, now: c.now },
  );
}

/** ISO 8601 duration in seconds, as xAPI result.duration expects. */
export const isoDuration = (ms: number) => `PT${Math.max(0, Math.round(ms / 10) / 100)}S`;

export const registeredStatement = (c: StatementContext) =>
  entry(
    c,
    'registered',
    courseActivity(c),
    [],
    {},
    { [courseVersionExtension(c.publicUrl)]: c.course.manifest.version },
  );

export function lessonStatement(
  c: StatementContext,
  verb: 'experienced' | 'completed',
  moduleId: string,
  lessonId: string,
): LedgerEntry {
  const lesson = c.course.modules.find((m) => m.id === moduleId)!.lessons.find((l) => l.id === lessonId)!;
  const object = activity(
    lessonIri(c.publicUrl, c.course.slug, moduleId, lessonId),
    'lesson',
    lesson.title as Record<string, string>,
  );
  return entry(
    c,
    verb,
    object,
    [moduleActivity(c, moduleId)],
    verb === 'completed' ? { result: { completion: true } } : {},
  );
}

export const moduleCompletedStatement = (c: StatementContext, moduleId: string) =>
  entry(c, 'completed', moduleActivity(c, moduleId), [courseActivity(c)], { result: { completion: true } });

export const courseCompletedStatement = (c: StatementContext, since: Date) =>
  entry(c, 'completed', courseActivity(c), [], {
    result: { completion: true, duration: isoDuration(c.now.getTime() - since.getTime()) },
  });

function quizParents(c: StatementContext, quiz: Quiz) {
  const mod = c.course.modules.find((m) => m.quiz === quiz.id);
  return [mod ? moduleActivity(c, mod.id) : courseActivity(c)];
}
const quizActivity = (c: StatementContext, quiz: Quiz) =>
  activity(quizIri(c.publicUrl, c.course.slug, quiz.id), 'assessment', quiz.title as Record<string, string>);

export const attemptedStatement = (
  c: StatementContext,
  quiz: Quiz,
  attemptId: string,
  shown: Record<string, string[]>,
) =>
  entry(
    c,
    'attempted',
    quizActivity(c, quiz),
    quizParents(c, quiz),
    {},
    { [attemptExtension(c.publicUrl)]: attemptId, [shownExtension(c.publicUrl)]: shown },
  );

function interaction(q: Question) {
  const text = (m: Record<string, string>) => m;
  switch (q.type) {
    case 'single':
    case 'multiple':
      return {
        interactionType: 'choice',
        correctResponsesPattern: [
          q.options
            .filter((o) => o.correct)
            .map((o) => o.id)
            .join('[,]'),
        ],
        choices: q.options.map((o) => ({ id: o.id, description: text(o.text as Record<string, string>) })),
      };
    case 'true-false':
      return { interactionType: 'true-false', correctResponsesPattern: [String(q.answer)] };
    case 'matching':
      return {
        interactionType: 'matching',
        correctResponsesPattern: [q.pairs.map((p) => `${p.id}[.]${p.id}`).join('[,]')],
        source: q.pairs.map((p) => ({ id: p.id, description: p.left })),
        target: q.pairs.map((p) => ({ id: p.id, description: p.right })),
      };
    case 'ordering':
      return {
        interactionType: 'sequencing',
        correctResponsesPattern: [q.items.map((i) => i.id).join('[,]')],
        choices: q.items.map((i) => ({ id: i.id, description: i.text })),
      };
  }
}

/**
 * answered per question, then passed/failed (or completed for an ungraded pre-test) on the assessment,
 * which also carries the answers as submitted (JSON values) so the attempt can be rebuilt.
 */
export function submittedStatements(
  c: StatementContext,
  quiz: Quiz,
  attemptId: string,
  graded: GradeResult,
  startedAt: Date,
  answers: Record<string, unknown>,
): LedgerEntry[] {
  const ext = { [attemptExtension(c.publicUrl)]: attemptId };
  const qa = quizActivity(c, quiz);
  const answered = quiz.questions.map((q, i) =>
    entry(
      c,
      'answered',
      activity(`${qa.id}/questions/${q.id}`, 'cmi.interaction', q.prompt as Record<string, string>, interaction(q)),
      [qa],
      { result: { success: graded.questions[i]?.correct, response: graded.questions[i]?.response } },
      ext,
    ),
  );
  const score = { raw: graded.score, min: 0, max: graded.max, scaled: Math.round(graded.scaled * 10000) / 10000 };
  const verb = graded.passed === null ? 'completed' : graded.passed ? 'passed' : 'failed';
  const result = {
    score,
    completion: true,
    duration: isoDuration(c.now.getTime() - startedAt.getTime()),
    ...(graded.passed === null ? {} : { success: graded.passed }),
  };
  return [
    ...answered,
    entry(c, verb, qa, quizParents(c, quiz), { result }, { ...ext, [answersExtension(c.publicUrl)]: answers }),
  ];
}
