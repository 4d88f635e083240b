import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { CatalogueService } from '../courses/catalogue-service.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import type { LearningService } from '../learning/learning-service.js';
import type { Cmi5SessionRecord, Store, UserRecord } from '../store/store.js';
import type { LrsPrincipal } from '../xapi/lrs-client-service.js';
import { learnerActor, platformEntry } from '../ledger/platform.js';
import { ifiKey } from '../ledger/statement-index.js';
import { type Agent, contextActivityList, isActivity, type Statement } from '../ledger/statement.js';
import type { UnitAuthenticator } from '../xapi/unit-grant.js';
import { allAus, type Cmi5Au, type Cmi5Course } from './cmi5-manifest.js';
import { etagOf } from '../xapi/document-service.js';
import { moveOnMet, outcomeOf, type AuOutcome } from './cmi5-rules.js';

export const CMI5 = {
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  launchMode: 'https://w3id.org/xapi/cmi5/context/extensions/launchmode',
  launchUrl: 'https://w3id.org/xapi/cmi5/context/extensions/launchurl',
  moveOn: 'https://w3id.org/xapi/cmi5/context/extensions/moveon',
  launchParameters: 'https://w3id.org/xapi/cmi5/context/extensions/launchparameters',
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOnCategory: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
} as const;
const VERB = (v: string) => `http://adlnet.gov/expapi/verbs/${v}`;
const SATISFIED = 'https://w3id.org/xapi/adl/verbs/satisfied';
const ABANDONED = 'https://w3id.org/xapi/adl/verbs/abandoned';
const WAIVED = 'https://w3id.org/xapi/adl/verbs/waived';
const DEFINED = new Set(['initialized', 'completed', 'passed', 'failed', 'terminated'].map(VERB));

export interface Cmi5RuntimeDeps {
  store: Store;
  catalogue: CatalogueService;
  learning: LearningService;
  publicUrl: string;
  /** Where the AU's files are served (the content origin when configured). */
  contentBase: (slug: string, version: number) => string;
  secret: string;
  now?: () => Date;
  /** How long a launch's fetch URL and its auth token live. */
  tokenMinutes?: number;
}

/**
 * The LMS side of cmi5 (2nd edition): launch with a fetch URL that hands out the AU's token once,
 * the `launched` statement, LMS.LaunchData and the learner's preferences; the AU's token writes only
 * what the spec allows, the statement rules are enforced, and when an AU's moveOn is met the LMS
 * writes `satisfied` and the lesson counts as done through the learning service (completion,
 * certificate, statistics) like any Praxis lesson.
 */
export function createCmi5Runtime(deps: Cmi5RuntimeDeps) {
  const { store, catalogue, learning, publicUrl } = deps;
  const now = deps.now ?? (() => new Date());
  const ttl = (deps.tokenMinutes ?? 120) * 60_000;
  const key = createHmac('sha256', deps.secret).update('praxis cmi5 token v1').digest();
  const sign = (purpose: string, sid: string, exp: number) =>
    createHmac('sha256', key).update(`${purpose}.${sid}.${exp}`).digest('base64url');
  const token = (purpose: string, sid: string) => {
    const exp = now().getTime() + ttl;
    return `${sid}.${exp}.${sign(purpose, sid, exp)}`;
  };
  function verify(purpose: string, value: string): string | null {
    const [sid, exp, mac, extra] = value.split('.');
    if (!sid || !exp || !mac || extra !== undefined || Number(exp) <= now().getTime()) return null;
    const given = Buffer.from(mac, 'base64url');
    const expected = Buffer.from(sign(purpose, sid, Number(exp)), 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected) ? sid : null;
  }

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
  const actorOf = (userId: string) => learnerActor(publicUrl, { id: userId });
  /** The LMS's own statements about an AU in a session (launched, satisfied, abandoned, waived). */
  function lmsStatement(
    verb: string,
    s: Cmi5SessionRecord,
    objectId: string,
    course: Cmi5Course,
    extra: Pick<Statement, 'result' | 'context'> = {},
  ) {
    const statement: Omit<Statement, 'stored' | 'authority' | 'version'> = {
      actor: actorOf(s.userId),
      verb: { id: verb, display: { en: verb.split('/').pop() ?? verb } },
      object: { objectType: 'Activity', id: objectId },
      context: {
        registration: s.registration,
        contextActivities: {
          category: [{ id: CMI5.category }, ...(verb === SATISFIED ? [{ id: CMI5.moveOnCategory }] : [])],
          grouping: [{ id: course.id }],
        },
        extensions: { [CMI5.sessionId]: s.id },
      },
      ...extra,
    };
    return platformEntry(statement, { publicUrl, now: now() });
  }
  async function outcomeFor(registration: string, au: Cmi5Au): Promise<AuOutcome> {
    const page = await store.statements.query({ registration, activity: au.id, ascending: true, limit: 500 });
    return outcomeOf(page.statements, au.id);
  }

  /** When an AU's moveOn is met: satisfied (once) and the Praxis lesson done, which may complete the course. */
  async function settle(s: Cmi5SessionRecord, au: Cmi5Au, course: Cmi5Course): Promise<void> {
    const outcome = await outcomeFor(s.registration, au);
    if (!moveOnMet(au.moveOn, outcome) || outcome.satisfied) return;
    const user = await store.users.findById(s.userId);
    if (!user) return;
    await store.record({ entries: [lmsStatement(SATISFIED, s, au.id, course)] });
    const { recorded } = await learning.markLessonDone(user, s.slug, s.moduleId, s.lessonId, s.language);
    const progress = await learning.requireProgress(user, s.slug);
    if (recorded && progress.enrolment.completedAt)
      await store.record({ entries: [lmsStatement(SATISFIED, s, course.id, course)] });
  }

  async function abandonOpen(registration: string, au: Cmi5Au, course: Cmi5Course) {
    for (const open of await store.cmi5.open(registration, au.id)) {
      await store.cmi5.end(open.id, 'abandoned', now());
      await store.record({ entries: [lmsStatement(ABANDONED, open, au.id, course, { result: { duration: 'PT0S' } })] });
    }
  }

  const units: UnitAuthenticator = {
    async verify(value) {
      const sid = verify('auth', value);
      const s = sid ? await store.cmi5.find(sid) : null;
      if (!s || s.abandonedAt) return null;
      const user = await store.users.findById(s.userId);
      if (!user) return null;
      const course = await structureOf(s.slug, s.version);
      const au = auOf(course, s.auId);
      const actor = actorOf(s.userId);
      const principal: LrsPrincipal = {
        clientId: `cmi5:${s.registration}`,
        scopes: new Set(['statements/write', 'state', 'profile']), // narrowed to its own documents by the LRS (unitMayUse)
        authority: {
          objectType: 'Group',
          member: [
            { objectType: 'Agent', name: 'Praxis cmi5 launch', account: { homePage: publicUrl, name: 'praxis-cmi5' } },
            actor,
          ],
        },
        unit: {
          userId: s.userId,
          registration: s.registration,
          activityId: au.id,
          agentKey: ifiKey(actor) ?? '',
          check: async (batch) =>
            checkAuStatements(batch, s, au, actor, await outcomeFor(s.registration, au), await store.cmi5.find(s.id)),
          after: async (stored) => {
            if (stored.some((st) => st.verb.id === VERB('terminated'))) await store.cmi5.end(s.id, 'terminated', now());
            if (stored.some((st) => [VERB('completed'), VERB('passed')].includes(st.verb.id)))
              await settle(s, au, course);
          },
        },
      };
      return principal;
    },
  };

  return {
    units,

    /** Starts a session of an AU for the learner's registration; returns where the browser goes. */
    /**
     * `origin` is the address the learner's browser used (like the lesson tracker's relative endpoint):
     * the AU calls the LRS and the fetch URL there, whatever PUBLIC_URL says; activity ids keep PUBLIC_URL.
     */
    async launch(
      user: UserRecord,
      slug: string,
      moduleId: string,
      lessonId: string,
      language: string,
      origin = publicUrl,
    ): Promise<{ url: string; ownWindow: boolean; sessionId: string }> {
      const pkg = catalogue.get(slug).package;
      if (pkg?.kind !== 'cmi5') throw new NotFoundError('not_cmi5', 'This course is not a cmi5 package.');
      const progress = await learning.requireProgress(user, slug);
      const version = Number.parseInt(progress.enrolment.courseVersion, 10) || pkg.version;
      const course = await structureOf(slug, version);
      const unitId = pkg.units.get(`${moduleId}/${lessonId}`);
      if (!unitId) throw new NotFoundError('cmi5_au_not_found', 'No such AU in this course.');
      const au = auOf(course, unitId);
      await abandonOpen(progress.enrolment.id, au, course);
      const outcome = await outcomeFor(progress.enrolment.id, au);
      const s: Cmi5SessionRecord = {
        id: randomUUID(),
        registration: progress.enrolment.id,
        userId: user.id,
        slug,
        version,
        auId: au.id,
        moduleId,
        lessonId,
        // A learner who already satisfied the AU reviews it: the AU may then not change the outcome (cmi5 10.2.2).
        launchMode: outcome.satisfied || progress.enrolment.completedAt ? 'Review' : 'Normal',
        language,
        launchedAt: now(),
        fetchedAt: null,
        terminatedAt: null,
        abandonedAt: null,
      };
      await store.cmi5.create(s);
      const launchUrl = new URL(
        au.url,
        /^[a-z][a-z0-9+.-]*:/i.test(au.url) ? undefined : new URL(deps.contentBase(slug, version), origin),
      ).toString();
      const contextTemplate = {
        contextActivities: { grouping: [{ objectType: 'Activity', id: course.id }] },
        extensions: { [CMI5.sessionId]: s.id },
      };
      const returnURL = `${origin}/courses/${slug}/play/${moduleId}/${lessonId}?returned=1`;
      const launchData = {
        contextTemplate,
        launchMode: s.launchMode,
        returnURL,
        moveOn: au.moveOn,
        ...(au.masteryScore !== null ? { masteryScore: au.masteryScore } : {}),
        ...(au.launchParameters ? { launchParameters: au.launchParameters } : {}),
        ...(au.entitlementKey ? { entitlementKey: { courseStructure: au.entitlementKey } } : {}),
      };
      const actor = actorOf(user.id);
      const agent = ifiKey(actor) ?? '';
      const put = (
        kind: 'state' | 'agent_profile',
        docId: string,
        value: unknown,
        activityId = '',
        registration = '',
      ) => {
        const content = Buffer.from(JSON.stringify(value));
        return store.documents.put({
          kind,
          activityId,
          agent,
          registration,
          docId,
          contentType: 'application/json',
          content,
          etag: etagOf(content),
          updated: now(),
        });
      };
      await put('state', 'LMS.LaunchData', launchData, au.id, s.registration);
      await put('agent_profile', 'cmi5LearnerPreferences', { languagePreference: language, audioPreference: 'on' });
      await store.record({
        entries: [
          lmsStatement(VERB('launched'), s, au.id, course, {
            context: {
              registration: s.registration,
              contextActivities: { category: [{ id: CMI5.category }], grouping: [{ id: course.id }] },
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
        endpoint: `${origin}/xapi/`,
        fetch: `${origin}/cmi5/fetch/${s.id}?t=${token('fetch', s.id)}`,
        actor: JSON.stringify(actor),
        registration: s.registration,
        activityId: au.id,
      });
      const url = `${launchUrl}${launchUrl.includes('?') ? '&' : '?'}${params.toString()}`;
      return { url, ownWindow: au.launchMethod === 'OwnWindow', sessionId: s.id };
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
     * An administrator waives an AU for a learner (cmi5 9.5.5.4: LMS-authored, with the reason): it
     * then counts as satisfied, and the lesson as done. Audited with who and why.
     */
    async waive(
      admin: UserRecord,
      learner: UserRecord,
      slug: string,
      moduleId: string,
      lessonId: string,
      reason: string,
    ): Promise<void> {
      const pkg = catalogue.get(slug).package;
      const unitId = pkg?.units.get(`${moduleId}/${lessonId}`);
      if (pkg?.kind !== 'cmi5' || !unitId) throw new NotFoundError('cmi5_au_not_found', 'No such AU in this course.');
      const progress = await learning.requireProgress(learner, slug);
      const version = Number.parseInt(progress.enrolment.courseVersion, 10) || pkg.version;
      const course = await structureOf(slug, version);
      const au = auOf(course, unitId);
      const s: Cmi5SessionRecord = {
        id: randomUUID(),
        registration: progress.enrolment.id,
        userId: learner.id,
        slug,
        version,
        auId: au.id,
        moduleId,
        lessonId,
        launchMode: 'Normal',
        language: learner.language,
        launchedAt: now(),
        fetchedAt: null,
        terminatedAt: now(),
        abandonedAt: null,
      };
      await store.record({
        entries: [
          lmsStatement(WAIVED, s, au.id, course, {
            result: {
              success: true,
              completion: true,
              extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/reason': reason },
            },
          }),
        ],
      });
      await store.audit.append({
        at: now(),
        actorId: admin.id,
        action: 'cmi5.waived',
        targetType: 'user',
        targetId: learner.id,
        details: { slug, au: au.id, reason },
      });
      await settle(s, au, course);
    },

    /** What the course outline shows for an AU of the learner's registration. */
    async status(registration: string, slug: string, version: number, auId: string) {
      return outcomeFor(registration, auOf(await structureOf(slug, version), auId));
    },
  };

  /** cmi5 section 9 statement rules for the AU's statements; a broken rule refuses the whole batch (403). */
  function checkAuStatements(
    batch: readonly Statement[],
    s: Cmi5SessionRecord,
    au: Cmi5Au,
    actor: Agent,
    outcome: AuOutcome,
    fresh: Cmi5SessionRecord | null,
  ) {
    const refuse = (msg: string) => {
      throw new ForbiddenError('cmi5_statement_refused', msg);
    };
    if (!fresh || fresh.terminatedAt || fresh.abandonedAt)
      refuse('This session has ended (terminated or abandoned): it accepts no more statements.');
    let { completed, passed } = outcome;
    for (const st of batch) {
      if (JSON.stringify(st.actor.account ?? null) !== JSON.stringify(actor.account))
        refuse('The actor must be the launched learner.');
      const ctx = st.context ?? {};
      if (String(ctx.registration ?? '').toLowerCase() !== s.registration)
        refuse("The registration must be the launch's registration.");
      if (ctx.extensions?.[CMI5.sessionId] !== s.id)
        refuse("The session id extension must be the launch's session id.");
      const verb = st.verb.id;
      if (!DEFINED.has(verb)) continue;
      if (!isActivity(st.object) || st.object.id !== au.id)
        refuse('A cmi5 defined statement must have the AU as its object.');
      if (!contextActivityList(ctx, 'category').some((c) => c.id === CMI5.category))
        refuse('A cmi5 defined statement needs the cmi5 category.');
      const scaled = st.result?.score?.scaled;
      const review = s.launchMode !== 'Normal';
      if (verb === VERB('completed')) {
        if (review) refuse('In Browse or Review mode an AU may not send completed.');
        if (completed) refuse('The AU was already completed in this registration.');
        completed = true;
      }
      if (verb === VERB('passed') || verb === VERB('failed')) {
        if (review) refuse('In Browse or Review mode an AU may not send passed or failed.');
        if (passed) refuse('The AU was already passed in this registration.');
        if (au.masteryScore !== null && typeof scaled === 'number') {
          if (verb === VERB('passed') && scaled < au.masteryScore)
            refuse(`passed with a scaled score below the mastery score ${au.masteryScore}.`);
          if (verb === VERB('failed') && scaled >= au.masteryScore)
            refuse(`failed with a scaled score at or above the mastery score ${au.masteryScore}.`);
        }
        if (verb === VERB('passed')) passed = true;
      }
    }
  }
}

export type Cmi5Runtime = ReturnType<typeof createCmi5Runtime>;
export { ABANDONED, SATISFIED, WAIVED };
