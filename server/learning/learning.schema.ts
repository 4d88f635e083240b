import { z } from 'zod';
import type { Quiz } from '../courses/course.schema.js';
import type { Answers } from './grading.js';

const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(100);
export const CourseParams = z.object({ slug: id });
export const LessonParams = z.object({ slug: id, moduleId: id, lessonId: id });
export const QuizParams = z.object({ slug: id, quizId: id });
export const AttemptParams = QuizParams.extend({ attemptId: z.uuid() });

/** A lesson marked done offline carries when it happened; the service keeps it within the enrolment. */
export const DoneBody = z.object({ doneAt: z.iso.datetime({ offset: true }).pipe(z.coerce.date()).optional() }).loose();

export const CatalogueQuery = z.object({
  language: z.string().max(10).optional().catch(undefined),
  audience: z.string().max(40).optional().catch(undefined),
});

const text = z.string().max(100);
const Body = z.record(z.string(), z.union([text, z.array(text).max(20)]));

/**
 * Form fields to answers: `a.<question>` for choices and true/false, `m.<question>.<left pair>` for
 * matching, `o.<question>.<item>` for ordering positions. Anything else is ignored; blanks stay blank.
 */
export function parseAnswers(quiz: Quiz, body: unknown): Answers {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const fields = Body.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => /^[amo]\./.test(k))));
  const one = (key: string) => {
    const v = fields[key];
    return Array.isArray(v) ? v[0] : v;
  };
  const answers: Answers = {};
  for (const q of quiz.questions) {
    const key = `a.${q.id}`;
    if (q.type === 'single') answers[q.id] = { type: 'single', choice: one(key) || undefined };
    if (q.type === 'multiple') {
      const v = fields[key];
      answers[q.id] = { type: 'multiple', choices: v === undefined ? [] : Array.isArray(v) ? v : [v] };
    }
    if (q.type === 'true-false') {
      const v = one(key);
      answers[q.id] = { type: 'true-false', value: v === 'true' ? true : v === 'false' ? false : undefined };
    }
    if (q.type === 'matching')
      answers[q.id] = {
        type: 'matching',
        matches: Object.fromEntries(q.pairs.map((p) => [p.id, one(`m.${q.id}.${p.id}`) ?? ''])),
      };
    if (q.type === 'ordering')
      answers[q.id] = {
        type: 'ordering',
        positions: Object.fromEntries(q.items.map((i) => [i.id, Number.parseInt(one(`o.${q.id}.${i.id}`) ?? '', 10)])),
      };
  }
  return answers;
}
