import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { CompletionHook, CourseCompletedEvent } from '../learning/course-completion.js';
import type { LedgerEntry, NewCertificate } from '../store/store.js';
import { learnerActor, platformEntry } from '../ledger/platform.js';
import type { Activity } from '../ledger/statement.js';
import { generateCode } from './certificate-code.js';

/** DoD ISD "earned": the actor has earned a badge, certificate or credential (see docs/xapi-vocabulary-certificates.md). */
export const VERB_EARNED = { id: 'https://w3id.org/xapi/dod-isd/verbs/earned', display: { 'en-US': 'earned' } };
export const ACTIVITY_TYPE_ACHIEVEMENT = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement';
export const EXT_CERTIFICATE_CODE = (publicUrl: string) => `${publicUrl}/xapi/extensions/certificate-code`;

export interface CertificateHookDeps {
  publicUrl: string;
  /** The certificate a learner already holds for a course: a course completed again (after its completion was voided) keeps it. */
  existing?: (userId: string, courseSlug: string) => Promise<unknown | null>;
  clock?: () => Date;
  newCode?: () => string;
}

/** Hours shown on the certificate: the course's estimated time, to the nearest half hour (at least half an hour). */
export const hoursOf = (minutes: number) => Math.max(0.5, Math.round(minutes / 30) / 2);

/** Open Badges 3.0 identity hash: "sha256$" + hex(sha256(e-mail + salt)). */
export const identityHash = (email: string, salt: string) =>
  `sha256$${createHash('sha256')
    .update(email.toLowerCase() + salt)
    .digest('hex')}`;

/**
 * Joins the learning service's completion transaction: the certificate and its "earned" statement
 * are written with the completion, or not at all. The store refuses a second certificate for the
 * same learner and course (ConflictError 'already_recorded'), which the caller treats as done.
 */
export function certificateCompletionHook(deps: CertificateHookDeps): CompletionHook {
  const now = deps.clock ?? (() => new Date());
  const newCode = deps.newCode ?? (() => generateCode());
  return async (event) => {
    if (!event.course.certificate) return {};
    if (deps.existing && (await deps.existing(event.user.id, event.course.slug))) return {};
    const at = now();
    const salt = randomBytes(16).toString('hex');
    const certificate: NewCertificate = {
      id: randomUUID(),
      code: newCode(),
      userId: event.user.id,
      learnerName: event.user.displayName,
      courseSlug: event.course.slug,
      courseVersion: event.course.version,
      courseTitle: { ...event.course.title },
      defaultLanguage: event.course.defaultLanguage,
      languages: [...event.course.languages],
      hours: hoursOf(event.course.estimatedMinutes),
      completedAt: event.completedAt,
      issuedAt: at,
      identityHash: identityHash(event.user.email, salt),
      identitySalt: salt,
    };
    return { certificates: [certificate], entries: [earnedEntry(deps.publicUrl, event, certificate, at)] };
  };
}

function earnedEntry(publicUrl: string, event: CourseCompletedEvent, cert: NewCertificate, at: Date): LedgerEntry {
  const course: Activity = {
    objectType: 'Activity',
    id: `${publicUrl}/courses/${cert.courseSlug}`,
    definition: { type: 'http://adlnet.gov/expapi/activities/course' },
  };
  return platformEntry(
    {
      actor: learnerActor(publicUrl, event.user),
      verb: VERB_EARNED,
      object: {
        objectType: 'Activity',
        id: `${publicUrl}/certificates/${cert.id}`,
        definition: { type: ACTIVITY_TYPE_ACHIEVEMENT, name: cert.courseTitle },
      },
      result: { completion: true, extensions: { [EXT_CERTIFICATE_CODE(publicUrl)]: cert.code } },
      context: {
        registration: event.registration,
        contextActivities: { parent: [course], grouping: [course] },
        language: event.user.language,
      },
      timestamp: event.completedAt.toISOString(),
    },
    { publicUrl, now: at },
  );
}
