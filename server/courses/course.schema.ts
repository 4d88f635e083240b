import { z } from 'zod';
import { LANGUAGES } from '../http/i18n.js';

/** The package format of docs/course-format.md, as zod schemas. Cross-file checks live in the loader. */

export const COURSE_LANGUAGES = LANGUAGES;
export const AUDIENCES = [
  'police',
  'prosecution',
  'judiciary',
  'prison-probation',
  'social-services',
  'health',
  'education-sport',
  'civil-society',
  'coaches',
  'teachers',
  'policy-makers',
  'general',
] as const;
export type Audience = (typeof AUDIENCES)[number];

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case kebab-case (a-z, 0-9, -)');
const language = z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` });
const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** A text by language code, e.g. `{ en: "...", fr: "..." }`. */
export const LocalisedText = z
  .partialRecord(language, nonEmpty)
  .refine((m) => Object.keys(m).length > 0, 'needs at least one language');
export type LocalisedText = z.infer<typeof LocalisedText>;
const LocalisedList = z.partialRecord(language, z.array(nonEmpty).min(1, 'needs at least one item'));

const unique =
  <T extends { id: string }>(what: string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate ${what} id "${item.id}"` });
      seen.add(item.id);
    });
  };

export const LessonEntry = z.strictObject({
  id: kebab,
  title: LocalisedText,
  minutes: z.number().int().positive().max(600),
});

export const ModuleEntry = z.strictObject({
  id: kebab,
  title: LocalisedText,
  required: z.boolean().default(true),
  objectives: LocalisedList.optional(),
  summary: LocalisedText.optional(),
  lessons: z.array(LessonEntry).min(1, 'a module needs at least one lesson').superRefine(unique('lesson')),
  quiz: kebab.optional(),
});

export const CourseManifest = z.strictObject({
  id: kebab,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version such as 1.0.0'),
  defaultLanguage: language,
  languages: z.array(language).min(1),
  title: LocalisedText,
  summary: LocalisedText,
  audience: z.array(z.enum(AUDIENCES, { error: `must be one of ${AUDIENCES.join(', ')}` })).min(1),
  estimatedMinutes: z.number().int().positive(),
  certificate: z.boolean().default(true),
  preTest: kebab.optional(),
  finalAssessment: kebab,
  modules: z.array(ModuleEntry).min(1, 'a course needs at least one module').superRefine(unique('module')),
});
export type CourseManifest = z.infer<typeof CourseManifest>;
export type ModuleEntry = CourseManifest['modules'][number];
export type LessonEntry = ModuleEntry['lessons'][number];

const Feedback = z.strictObject({ correct: LocalisedText, incorrect: LocalisedText });
const base = { id: kebab, prompt: LocalisedText, feedback: Feedback };
const Option = z.strictObject({ id: kebab, text: LocalisedText, correct: z.boolean().default(false) });

const ChoiceQuestion = (type: 'single' | 'multiple') =>
  z.strictObject({
    ...base,
    type: z.literal(type),
    options: z
      .array(Option)
      .min(2, 'needs 2 to 6 options')
      .max(6, 'needs 2 to 6 options')
      .superRefine(unique('option'))
      .refine((o) => o.some((x) => x.correct), 'needs at least one correct option')
      .refine(
        (o) => type === 'multiple' || o.filter((x) => x.correct).length <= 1,
        'a single-choice question needs exactly one correct option',
      ),
  });

export const Question = z.discriminatedUnion(
  'type',
  [
    ChoiceQuestion('single'),
    ChoiceQuestion('multiple'),
    z.strictObject({ ...base, type: z.literal('true-false'), answer: z.boolean() }),
    z.strictObject({
      ...base,
      type: z.literal('matching'),
      pairs: z
        .array(z.strictObject({ id: kebab, left: LocalisedText, right: LocalisedText }))
        .min(2)
        .max(8)
        .superRefine(unique('pair')),
    }),
    z.strictObject({
      ...base,
      type: z.literal('ordering'),
      items: z
        .array(z.strictObject({ id: kebab, text: LocalisedText }))
        .min(2)
        .max(8)
        .superRefine(unique('item')),
    }),
  ],
  { error: 'type must be one of single, multiple, true-false, matching, ordering' },
);
export type Question = z.infer<typeof Question>;

export const QuizFile = z.strictObject({
  id: kebab,
  title: LocalisedText,
  kind: z.enum(['module', 'pre-test', 'final']),
  passMark: z.number().min(0).max(1),
  maxAttempts: z.number().int().positive().optional(),
  questions: z.array(Question).min(1, 'a quiz needs at least one question').superRefine(unique('question')),
});
export type Quiz = z.infer<typeof QuizFile>;

/** `a.b[2].c` from a zod issue path, as authors read it. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
    '',
  );
}
