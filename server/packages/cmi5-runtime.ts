import { randomUUID } from 'node:crypto';
import type { CatalogueService } from '../courses/catalogue-service.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Cmi5Actor, Cmi5SessionRecord, UserRecord } from '../store/store.js';
import { createCmi5Core, type Cmi5CoreDeps } from './cmi5-core.js';
import { cmi5Outline } from './cmi5-kind.js';
import { allAus, type Cmi5Au, type Cmi5Course } from './cmi5-manifest.js';
import { auAt } from './cmi5-structure.js';
import { createCmi5Units } from './cmi5-units.js';

export interface Cmi5RuntimeDeps extends Cmi5CoreDeps {
  catalogue: CatalogueService;
  /** Minutes after which a session without activity is abandoned by the sweep; 0 never. */
  sessionTimeoutMinutes?: number;
}

const sameActor = (a: Cmi5Actor, b: Cmi5Actor) =>
  a.account.homePage === b.account.homePage && a.account.name === b.account.name;

/**
 * cmi5 for Praxis learners (launch from the course outline, waive from the package's page) and for
 * integrations (the LMS API: launch for any actor and registration, waive, abandon), and the sweep
 * that abandons idle sessions. The LMS work itself is in cmi5-core.ts, the AU's token in cmi5-units.ts.
 */
export function createCmi5Runtime(deps: Cmi5RuntimeDeps) {
  const { store, catalogue, learning, publicUrl } = deps;
  const now = deps.now ?? (() => new Date());
  const core = createCmi5Core(deps);
  const units = createCmi5Units(core, { store, publicUrl, now });

  /** The AU of a lesson in a version's outline. */
  function auOfLesson(course: Cmi5Course, moduleId: string, lessonId: string): Cmi5Au {
    const unit = cmi5Outline(course)
      .modules.find((m) => m.id === moduleId)
      ?.lessons.find((l) => l.id === lessonId)?.unit;
    return core.auOf(course, unit ?? '');
  }
  async function learnerCourse(user: UserRecord, slug: string) {
    const pkg = catalogue.get(slug).package;
    if (pkg?.kind !== 'cmi5') throw new NotFoundError('not_cmi5', 'This course is not a cmi5 package.');
    const progress = await learning.requireProgress(user, slug);
    const version = Number.parseInt(progress.enrolment.courseVersion, 10) || pkg.version;
    return { progress, version, course: await core.structureOf(slug, version) };
  }
  /** A registration's owner and course version, from its first session; 404 when it has none. */
  async function registrationOf(registration: string) {
    const first = await store.cmi5.firstOf(registration.toLowerCase());
    if (!first) throw new NotFoundError('cmi5_registration_not_found', `No cmi5 registration ${registration}.`);
    return { first, course: await core.structureOf(first.slug, first.version) };
  }
  const auByIndex = (course: Cmi5Course, index: number) => {
    const au = auAt(allAus(course.children), index);
    if (!au) throw new NotFoundError('cmi5_au_not_found', `The course has no AU at index ${index}.`);
    return au;
  };

  return {
    units,
    fetch: core.fetch,

    /** A learner launches an AU of a course they are enrolled in; the registration is the enrolment. */
    async launch(
      user: UserRecord,
      slug: string,
      moduleId: string,
      lessonId: string,
      language: string,
      origin = publicUrl,
    ) {
      const { progress, version, course } = await learnerCourse(user, slug);
      return core.start({
        slug,
        version,
        course,
        au: auOfLesson(course, moduleId, lessonId),
        userId: user.id,
        actor: null,
        registration: progress.enrolment.id,
        language,
        launchMode: progress.enrolment.completedAt ? 'Review' : undefined,
        origin,
        returnURL: `${origin}/courses/${slug}/play/${moduleId}/${lessonId}?returned=1`,
      });
    },

    /** An administrator waives an AU for a learner with a reason: it counts as done; audited with who and why. */
    async waive(
      admin: UserRecord,
      learner: UserRecord,
      slug: string,
      moduleId: string,
      lessonId: string,
      reason: string,
    ) {
      const { progress, version, course } = await learnerCourse(learner, slug);
      const au = auOfLesson(course, moduleId, lessonId);
      const reg = {
        id: '',
        registration: progress.enrolment.id,
        userId: learner.id,
        actor: null,
        slug,
        version,
        language: learner.language,
      };
      await core.waive(reg, course, au, reason);
      await store.audit.append({
        at: now(),
        actorId: admin.id,
        action: 'cmi5.waived',
        targetType: 'user',
        targetId: learner.id,
        details: { slug, au: au.id, reason },
      });
    },

    /** The LMS API (integrations): a launch URL for any actor, in a new registration or one it started. */
    async launchFor(input: {
      slug: string;
      auIndex: number;
      actor: Cmi5Actor;
      registration?: string;
      launchMode?: Cmi5SessionRecord['launchMode'];
      language?: string;
      returnURL?: string;
    }) {
      const registration = (input.registration ?? randomUUID()).toLowerCase();
      const first = await store.cmi5.firstOf(registration);
      if (first && (first.slug !== input.slug || first.userId !== null || !sameActor(core.actorOf(first), input.actor)))
        throw new ConflictError('cmi5_registration_taken', 'This registration belongs to another learner or course.');
      const version = first?.version ?? (await store.packages.versions(input.slug)).find((v) => v.current)?.version;
      if (version === undefined)
        throw new NotFoundError('cmi5_course_not_found', `No published cmi5 course ${input.slug}.`);
      const course = await core.structureOf(input.slug, version);
      const launch = await core.start({
        slug: input.slug,
        version,
        course,
        au: auByIndex(course, input.auIndex),
        userId: null,
        actor: input.actor,
        registration,
        language: input.language ?? 'en',
        launchMode: input.launchMode,
        origin: publicUrl,
        returnURL: input.returnURL ?? null,
      });
      return { ...launch, registration };
    },

    /** The LMS API: waives the AU at an index in a registration; audited with the client and the reason. */
    async waiveFor(input: { registration: string; auIndex: number; reason: string; by: string | null }) {
      const { first, course } = await registrationOf(input.registration);
      const au = auByIndex(course, input.auIndex);
      const sessionId = await core.waive(first, course, au, input.reason);
      await store.audit.append({
        at: now(),
        actorId: null,
        action: 'cmi5.waived',
        targetType: 'cmi5.registration',
        targetId: first.registration,
        details: { slug: first.slug, au: au.id, reason: input.reason, client: input.by, sessionId },
      });
      return sessionId;
    },

    /** The LMS API: abandons an open session (its AU's token stops working); 409 when it has ended. */
    async abandonSession(sessionId: string) {
      const s = await store.cmi5.find(sessionId.toLowerCase());
      if (!s) throw new NotFoundError('cmi5_session_not_found', `No cmi5 session ${sessionId}.`);
      if (!(await core.abandon(s, await core.structureOf(s.slug, s.version))))
        throw new ConflictError('cmi5_session_ended', 'This session has already ended.');
    },

    /** Abandons the sessions idle for longer than the timeout; returns how many. */
    async sweep(): Promise<number> {
      const minutes = deps.sessionTimeoutMinutes ?? 120;
      if (minutes <= 0) return 0;
      let n = 0;
      for (const s of await store.cmi5.idle(new Date(now().getTime() - minutes * 60_000), 200))
        if (await core.abandon(s, await core.structureOf(s.slug, s.version))) n++;
      return n;
    },
  };
}

export type Cmi5Runtime = ReturnType<typeof createCmi5Runtime>;
