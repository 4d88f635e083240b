import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../errors.js';
import type { LearningService } from '../learning/learning-service.js';
import { ifiKey } from '../ledger/statement-index.js';
import type { Cmi5Actor, Cmi5SessionRecord, Store } from '../store/store.js';
import { cmi5Outline } from './cmi5-kind.js';
import { allAus, type Cmi5Au, type Cmi5Course } from './cmi5-manifest.js';
import { moveOnMet, outcomeOf } from './cmi5-rules.js';
import { CMI5, VERB } from './cmi5-statement-rules.js';
import { generatedIds, satisfiedParts } from './cmi5-structure.js';
import {
  ABANDONED,
  type LmsStatementArgs,
  lmsStatementEntry,
  SATISFIED,
  sessionActor,
  WAIVED,
} from './cmi5-lms-statements.js';
import { cmi5Tokens } from './cmi5-tokens.js';
import { cmi5Records, objectOf, verbOf } from './cmi5-records.js';

const TYPE = (t: string) => `https://w3id.org/xapi/cmi5/activitytype/${t}`;

export interface Cmi5CoreDeps {
  store: Store;
  learning: LearningService;
  publicUrl: string;
  /** Where the AU's files are served (the content origin when configured). */
  contentBase: (slug: string, version: number) => string;
  secret: string;
  now?: () => Date;
  /** How long a launch's fetch URL and its auth token live. */
  tokenMinutes?: number;
}

/** One launch: which AU of which course version, for whom, in which registration. */
export interface LaunchInput {
  slug: string;
  version: number;
  course: Cmi5Course;
  au: Cmi5Au;
  userId: string | null;
  actor: Cmi5Actor | null;
  registration: string;
  language: string;
  /** Defaults to Review once the AU is satisfied, else Normal. */
  launchMode?: Cmi5SessionRecord['launchMode'];
  /** Where the browser is (the AU calls the LRS and the fetch URL there); activity ids keep PUBLIC_URL. */
  origin: string;
  returnURL: string | null;
}

type Session = Pick<Cmi5SessionRecord, 'id' | 'registration' | 'userId' | 'actor' | 'slug' | 'language'>;

/**
 * The LMS side of cmi5 (2nd edition) shared by the learner's launch (cmi5-runtime's callers) and the
 * LMS API: sessions, tokens, the LMS's statements (launched, satisfied, abandoned, waived) and the
 * evaluation of moveOn for AUs, blocks and the course, which also drives Praxis progress.
 */
export function createCmi5Core(deps: Cmi5CoreDeps) {
  const { store, learning, publicUrl } = deps;
  const now = deps.now ?? (() => new Date());
  const ttl = (deps.tokenMinutes ?? 120) * 60_000;
  const { token, verify } = cmi5Tokens(deps.secret, ttl, now);

  async function structureOf(slug: string, version: number): Promise<Cmi5Course> {
    const rec = await store.packages.find(slug, version);
    if (rec?.kind !== 'cmi5')
      throw new NotFoundError('cmi5_course_not_found', `No cmi5 package ${slug} version ${version}.`);
    return rec.structure as Cmi5Course;
  }
  const auOf = (course: Cmi5Course, auId: string): Cmi5Au => {
    const au = allAus(course.children).find((a) => a.id === auId);
    if (!au) throw new NotFoundError('cmi5_au_not_found', 'No such AU in this version of the course.');
    return au;
  };
  /** The Praxis module and lesson of an AU in a version's outline. */
  function lessonOf(course: Cmi5Course, au: Cmi5Au): { moduleId: string; lessonId: string } {
    for (const m of cmi5Outline(course).modules)
      for (const l of m.lessons) if (l.unit === au.id) return { moduleId: m.id, lessonId: l.id };
    return { moduleId: '', lessonId: '' };
  }
  const actorOf = (s: Pick<Session, 'userId' | 'actor'>): Cmi5Actor => sessionActor(s, publicUrl);
  const lmsStatement = (...args: LmsStatementArgs) => lmsStatementEntry(publicUrl, now(), ...args);
  const { registrationStatements, putDocument } = cmi5Records(store, now);

  /**
   * Evaluates moveOn for the registration: `satisfied` (once) for each block and the course whose AUs
   * are all satisfied, in the session given; a Praxis learner's satisfied AUs count as done lessons
   * (completion, certificate, statistics).
   */
  async function settle(s: Session & { version: number }, course: Cmi5Course): Promise<void> {
    const statements = await registrationStatements(s.registration);
    const ids = generatedIds(publicUrl, s.slug);
    const auDone = (au: Cmi5Au) => moveOnMet(au.moveOn, outcomeOf(statements, ids.au(au)));
    const parts = satisfiedParts(course, auDone);
    const already = new Set(statements.filter((st) => verbOf(st) === SATISFIED).map(objectOf));
    const entries = [
      ...parts.blocks.map((b) => ({ id: ids.block(b), publisher: b.id, type: 'block' })),
      ...(parts.course ? [{ id: ids.course, publisher: course.id, type: 'course' }] : []),
    ]
      .filter((p) => !already.has(p.id))
      .map((p) => lmsStatement(SATISFIED, s, { id: p.id, definition: { type: TYPE(p.type) } }, p.publisher));
    if (entries.length) await store.record({ entries });
    if (!s.userId) return;
    const user = await store.users.findById(s.userId);
    if (!user) return;
    const progress = await learning.progressOf(user, s.slug);
    if (!progress) return;
    const done = new Set(progress.doneLessons.map((l) => `${l.moduleId}/${l.lessonId}`));
    for (const au of allAus(course.children).filter(auDone)) {
      const { moduleId, lessonId } = lessonOf(course, au);
      if (moduleId && !done.has(`${moduleId}/${lessonId}`))
        await learning.markLessonDone(user, s.slug, moduleId, lessonId, s.language);
    }
  }

  /** Ends a session left open: `abandoned`, with how long it lasted (cmi5 9.3.8, 9.5.4.2). */
  async function abandon(s: Cmi5SessionRecord, course: Cmi5Course): Promise<boolean> {
    if (!(await store.cmi5.end(s.id, 'abandoned', now()))) return false;
    const seconds = Math.max(0, Math.round((s.activeAt.getTime() - s.launchedAt.getTime()) / 1000));
    const au = auOf(course, s.auId);
    await store.record({
      entries: [lmsStatement(ABANDONED, s, { id: s.activityId }, au.id, { result: { duration: `PT${seconds}S` } })],
    });
    return true;
  }

  return {
    structureOf,
    auOf,
    lessonOf,
    actorOf,
    settle,
    abandon,
    verifyToken: (value: string) => verify('auth', value),

    /**
     * Starts a session: abandons the AU's sessions left open in the registration, evaluates moveOn when
     * the registration is new (NotApplicable AUs are satisfied at once, cmi5 9.6.1.1-3), writes
     * LMS.LaunchData, the learner's preferences and `launched`; returns the launch URL.
     */
    async start(i: LaunchInput): Promise<{ url: string; ownWindow: boolean; sessionId: string; activityId: string }> {
      const { course, au } = i;
      const ids = generatedIds(publicUrl, i.slug);
      const activityId = ids.au(au);
      const first = await store.cmi5.firstOf(i.registration);
      for (const open of await store.cmi5.open(i.registration, au.id)) await abandon(open, course);
      const outcome = outcomeOf(await registrationStatements(i.registration), activityId);
      const at = now();
      const s: Cmi5SessionRecord = {
        id: randomUUID(),
        registration: i.registration,
        userId: i.userId,
        actor: i.actor,
        slug: i.slug,
        version: i.version,
        auId: au.id,
        activityId,
        ...lessonOf(course, au),
        // A learner who already satisfied the AU reviews it: the AU may then not change the outcome (cmi5 10.2.2).
        launchMode:
          i.launchMode ?? (au.moveOn !== 'NotApplicable' && moveOnMet(au.moveOn, outcome) ? 'Review' : 'Normal'),
        language: i.language,
        launchedAt: at,
        fetchedAt: null,
        prefsAt: null,
        initializedAt: null,
        activeAt: at,
        terminatedAt: null,
        abandonedAt: null,
      };
      await store.cmi5.create(s);
      if (!first) await settle(s, course);
      const launchUrl = new URL(
        au.url,
        /^[a-z][a-z0-9+.-]*:/i.test(au.url) ? undefined : new URL(deps.contentBase(i.slug, i.version), i.origin),
      ).toString();
      const actor = actorOf(s);
      await putDocument('state', {
        docId: 'LMS.LaunchData',
        actor,
        activityId,
        registration: s.registration,
        value: {
          contextTemplate: {
            contextActivities: { grouping: [{ objectType: 'Activity', id: au.id }] },
            extensions: { [CMI5.sessionId]: s.id },
          },
          launchMode: s.launchMode,
          ...(i.returnURL ? { returnURL: i.returnURL } : {}),
          moveOn: au.moveOn,
          ...(au.masteryScore !== null ? { masteryScore: au.masteryScore } : {}),
          ...(au.launchParameters ? { launchParameters: au.launchParameters } : {}),
          ...(au.entitlementKey ? { entitlementKey: { courseStructure: au.entitlementKey } } : {}),
        },
      });
      // A Praxis learner's language is Praxis's to say; an integration's learner keeps what the AU saved.
      const prefs = await store.documents.get({
        kind: 'agent_profile',
        activityId: '',
        agent: ifiKey(actor) ?? '',
        registration: '',
        docId: 'cmi5LearnerPreferences',
      });
      if (i.userId || !prefs)
        await putDocument('agent_profile', {
          docId: 'cmi5LearnerPreferences',
          actor,
          value: { languagePreference: i.language, audioPreference: 'on' },
        });
      await store.record({
        entries: [
          lmsStatement(VERB('launched'), s, { id: activityId }, au.id, {
            context: {
              registration: s.registration,
              contextActivities: {
                category: [{ id: CMI5.category }],
                grouping: [{ objectType: 'Activity', id: au.id }],
              },
              extensions: {
                [CMI5.sessionId]: s.id,
                [CMI5.launchMode]: s.launchMode,
                [CMI5.launchUrl]: launchUrl,
                [CMI5.moveOn]: au.moveOn,
                ...(au.masteryScore !== null ? { [CMI5.masteryScore]: au.masteryScore } : {}),
                ...(au.launchParameters ? { [CMI5.launchParameters]: au.launchParameters } : {}),
              },
            },
          }),
        ],
      });
      const params = new URLSearchParams({
        endpoint: `${i.origin}/xapi/`,
        fetch: `${i.origin}/cmi5/fetch/${s.id}?t=${token('fetch', s.id)}`,
        actor: JSON.stringify(actor),
        registration: s.registration,
        activityId,
      });
      const url = `${launchUrl}${launchUrl.includes('?') ? '&' : '?'}${params.toString()}`;
      return { url, ownWindow: au.launchMethod === 'OwnWindow', sessionId: s.id, activityId };
    },

    /** The fetch URL: the auth token, once (cmi5 8.2); error code 1 after that, 2 for a bad or expired URL. */
    async fetch(
      sessionId: string,
      fetchToken: string,
    ): Promise<{ ok: true; authToken: string } | { ok: false; code: '1' | '2' | '3'; text: string }> {
      if (verify('fetch', fetchToken) !== sessionId)
        return { ok: false, code: '2', text: 'This fetch URL is not valid or has expired.' };
      const s = await store.cmi5.find(sessionId);
      if (!s) return { ok: false, code: '2', text: 'No such launch session.' };
      if (!(await store.cmi5.claimFetch(sessionId, now())))
        return { ok: false, code: '1', text: 'The auth token was already handed out for this launch.' };
      return { ok: true, authToken: Buffer.from(`cmi5:${token('auth', sessionId)}`).toString('base64') };
    },

    /**
     * Waives an AU in a registration (cmi5 9.3.7, 9.5.5.2): `waived` with the reason, in a session of
     * its own, then moveOn is evaluated (the AU now counts as satisfied). Refused when it already is.
     */
    async waive(reg: Session & { version: number }, course: Cmi5Course, au: Cmi5Au, reason: string): Promise<string> {
      const ids = generatedIds(publicUrl, reg.slug);
      if (moveOnMet(au.moveOn, outcomeOf(await registrationStatements(reg.registration), ids.au(au))))
        throw new ConflictError('cmi5_au_satisfied', 'This AU is already satisfied in this registration.');
      const at = now();
      const s: Cmi5SessionRecord = {
        ...reg,
        id: randomUUID(),
        auId: au.id,
        activityId: ids.au(au),
        ...lessonOf(course, au),
        launchMode: 'Normal',
        launchedAt: at,
        fetchedAt: null,
        prefsAt: null,
        initializedAt: null,
        activeAt: at,
        terminatedAt: at,
        abandonedAt: null,
      };
      await store.cmi5.create(s);
      await store.record({
        entries: [
          lmsStatement(WAIVED, s, { id: s.activityId }, au.id, {
            result: { success: true, completion: true, extensions: { [CMI5.reason]: reason } },
          }),
        ],
      });
      await settle(s, course);
      return s.id;
    },
  };
}

export type Cmi5Core = ReturnType<typeof createCmi5Core>;
export { ABANDONED, SATISFIED, WAIVED };
