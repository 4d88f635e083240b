/**
 * What a SCO's commit may carry, per SCORM version (SCORM 1.2 RTE §3.4, SCORM 2004 RTE §4.2 SPMs):
 * types, sizes and vocabularies, so a hostile SCO cannot store more or other than the standard allows.
 */
import { z } from 'zod';
import type { ScormVersion } from './scorm-manifest.js';
import { sessionSeconds } from './cmi-time.js';

export const COMPLETION = ['completed', 'incomplete', 'not attempted', 'unknown'] as const;
export const SUCCESS = ['passed', 'failed', 'unknown'] as const;
export const LESSON_STATUS_12 = ['passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted'] as const;
const EXIT_12 = ['time-out', 'suspend', 'logout', ''] as const;
const EXIT_2004 = ['time-out', 'suspend', 'logout', 'normal', ''] as const;
const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
] as const;
const RESULTS = ['correct', 'incorrect', 'wrong', 'unanticipated', 'neutral'] as const;

interface Limits {
  suspendData: number;
  location: number;
  id: number;
  response: number;
  description: number;
}
/** SCORM 1.2: 4,096 characters of suspend data; 2004 2nd edition 4,000; 3rd and 4th editions 64,000. */
export const LIMITS: Record<ScormVersion, Limits> = {
  '1.2': { suspendData: 4096, location: 255, id: 255, response: 4096, description: 255 },
  '2004-2nd': { suspendData: 4000, location: 1000, id: 4000, response: 4000, description: 250 },
  '2004-3rd': { suspendData: 64_000, location: 1000, id: 4000, response: 8000, description: 250 },
  '2004-4th': { suspendData: 64_000, location: 1000, id: 4000, response: 8000, description: 250 },
};
export const MAX_INTERACTIONS = 250;
export const MAX_OBJECTIVES = 100;

const real = z.number().finite();
const nullableReal = real.nullable().optional();
const timestamp = z.string().max(40).nullable().optional();

function schemaFor(version: ScormVersion) {
  const l = LIMITS[version];
  const is12 = version === '1.2';
  const interaction = z.strictObject({
    id: z.string().min(1).max(l.id),
    type: z.enum(INTERACTION_TYPES).nullable().optional(),
    description: z.string().max(l.description).nullable().optional(),
    timestamp,
    learnerResponse: z.string().max(l.response).nullable().optional(),
    correctResponses: z.array(z.string().max(l.response)).max(10).optional(),
    result: z
      .union([
        z.enum(RESULTS),
        z
          .string()
          .regex(/^-?\d+(\.\d+)?$/)
          .max(20),
      ])
      .nullable()
      .optional(),
    weighting: nullableReal,
    latency: z.string().max(40).nullable().optional(),
    objectives: z.array(z.string().max(l.id)).max(10).optional(),
  });
  const objective = z.strictObject({
    id: z.string().min(1).max(l.id),
    description: z.string().max(l.description).nullable().optional(),
    completionStatus: z.enum(COMPLETION).optional(),
    successStatus: z.enum(SUCCESS).optional(),
    progressMeasure: z.number().min(0).max(1).nullable().optional(),
    scoreRaw: nullableReal,
    scoreMin: nullableReal,
    scoreMax: nullableReal,
    scoreScaled: z.number().min(-1).max(1).nullable().optional(),
  });
  const cmi = z
    .strictObject({
      location: z.string().max(l.location).optional(),
      suspendData: z.string().max(l.suspendData).optional(),
      lessonStatus: z.enum(LESSON_STATUS_12).optional(),
      completionStatus: z.enum(COMPLETION).optional(),
      successStatus: z.enum(SUCCESS).optional(),
      scoreRaw: nullableReal,
      scoreMin: nullableReal,
      scoreMax: nullableReal,
      scoreScaled: z.number().min(-1).max(1).nullable().optional(),
      progressMeasure: z.number().min(0).max(1).nullable().optional(),
      sessionTime: z
        .string()
        .max(40)
        .refine((v) => sessionSeconds(v) !== null, 'not a SCORM time interval')
        .optional(),
      exit: z.enum(is12 ? EXIT_12 : EXIT_2004).optional(),
      interactions: z.array(interaction).max(MAX_INTERACTIONS).optional(),
      objectives: z.array(objective).max(MAX_OBJECTIVES).optional(),
    })
    .superRefine((c, ctx) => {
      // 1.2 has one lesson status; 2004 has completion and success apart. The other version's fields are refused.
      const foreign = is12 ? (['completionStatus', 'successStatus'] as const) : (['lessonStatus'] as const);
      for (const key of foreign) {
        if (c[key] !== undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: `not a SCORM ${version} element` });
      }
    });
  return z.strictObject({
    attemptId: z.uuid(),
    sessionId: z.uuid(),
    sequence: z.number().int().min(0).max(1_000_000),
    terminate: z.boolean().default(false),
    cmi,
  });
}

const schemas = new Map<ScormVersion, ReturnType<typeof schemaFor>>();
export function commitSchema(version: ScormVersion) {
  const known = schemas.get(version);
  if (known) return known;
  const made = schemaFor(version);
  schemas.set(version, made);
  return made;
}
export type ScormCommit = z.infer<ReturnType<typeof schemaFor>>;
export type CommitCmi = ScormCommit['cmi'];

/** Only what identifies the attempt, read before the attempt's version says which full schema applies. */
export const CommitTarget = z.object({ attemptId: z.uuid(), sessionId: z.uuid() });
