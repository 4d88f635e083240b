import { ForbiddenError } from '../errors.js';
import { ifiKey } from '../ledger/statement-index.js';
import type { Store } from '../store/store.js';
import type { LrsPrincipal } from '../xapi/lrs-client-service.js';
import type { UnitAuthenticator, UnitDocumentRequest } from '../xapi/unit-grant.js';
import type { Cmi5Core } from './cmi5-core.js';
import { outcomeOf } from './cmi5-rules.js';
import { CMI5, checkAuStatements, VERB } from './cmi5-statement-rules.js';

const LANGUAGE_TAG = /^[a-z]{2,8}(-[a-z0-9]{1,8})*$/i;

/** cmi5 11: the learner preferences an AU may save: a JSON object with both properties, well-formed. */
function checkPreferences(req: UnitDocumentRequest): void {
  const refuse = (msg: string): never => {
    throw new ForbiddenError('cmi5_preferences_refused', msg);
  };
  if (!/^application\/json\b/i.test(req.contentType))
    refuse('cmi5LearnerPreferences must be sent as application/json (cmi5 11.0.0.0-5).');
  let doc: unknown;
  try {
    doc = JSON.parse(req.body?.toString('utf8') ?? '');
  } catch {
    refuse('cmi5LearnerPreferences must be a JSON object (cmi5 11.0.0.0-5).');
  }
  const d = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : null;
  if (!d || typeof d.languagePreference !== 'string' || typeof d.audioPreference !== 'string')
    refuse('cmi5LearnerPreferences needs languagePreference and audioPreference (cmi5 11.0.0.0-5).');
  const languages = String(d?.languagePreference).split(',');
  if (!languages.every((l) => LANGUAGE_TAG.test(l)))
    refuse('languagePreference must be a comma-separated list of language tags (cmi5 11.1.0.0-1).');
  if (d?.audioPreference !== 'on' && d?.audioPreference !== 'off')
    refuse('audioPreference must be "on" or "off" (cmi5 11.2.0.0-1).');
}

/**
 * The AU's token (from the fetch URL): valid while its session is open; it writes statements under
 * the cmi5 rules, uses its own state (LMS.LaunchData read-only) and its learner's preferences.
 */
export function createCmi5Units(core: Cmi5Core, deps: { store: Store; publicUrl: string; now: () => Date }) {
  const { store, publicUrl, now } = deps;
  const units: UnitAuthenticator = {
    async verify(value) {
      const sid = core.verifyToken(value);
      const s = sid ? await store.cmi5.find(sid) : null;
      if (!s || s.abandonedAt || s.terminatedAt) return null;
      if (s.userId && !(await store.users.findById(s.userId))) return null;
      const course = await core.structureOf(s.slug, s.version);
      const au = core.auOf(course, s.auId);
      const actor = core.actorOf(s);
      if (now().getTime() - s.activeAt.getTime() > 5000) await store.cmi5.touch(s.id, now());
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
          activityId: s.activityId,
          agentKey: ifiKey(actor) ?? '',
          async check(batch) {
            const fresh = await store.cmi5.find(s.id);
            if (!fresh || fresh.terminatedAt || fresh.abandonedAt)
              throw new ForbiddenError('cmi5_session_ended', 'This session has ended: it accepts no more statements.');
            const page = await store.statements.query({
              registration: s.registration,
              activity: s.activityId,
              limit: 500,
            });
            const outcome = outcomeOf(page.statements, s.activityId);
            const sessionVerbs = new Set(
              page.statements
                .filter(
                  (st) =>
                    (st.context as { extensions?: Record<string, unknown> } | undefined)?.extensions?.[
                      CMI5.sessionId
                    ] === s.id,
                )
                .map((st) => String((st.verb as { id?: unknown }).id)),
            );
            checkAuStatements(batch, {
              sessionId: s.id,
              registration: s.registration,
              activityId: s.activityId,
              account: actor.account,
              launchMode: s.launchMode,
              masteryScore: au.masteryScore,
              prefsRead: fresh.prefsAt !== null,
              initialized: fresh.initializedAt !== null,
              completed: outcome.completed,
              passed: outcome.passed,
              sessionVerbs,
            });
          },
          async after(stored) {
            const verbs = new Set(stored.map((st) => String((st.verb as { id?: unknown }).id)));
            if (verbs.has(VERB('initialized'))) await store.cmi5.mark(s.id, 'initialized', now());
            if (verbs.has(VERB('terminated'))) await store.cmi5.end(s.id, 'terminated', now());
            if (verbs.has(VERB('completed')) || verbs.has(VERB('passed'))) await core.settle(s, course);
          },
          async document(req) {
            if (req.resource === '/activities/state') {
              if (req.method !== 'GET' && (req.params.stateId ?? 'LMS.LaunchData') === 'LMS.LaunchData')
                throw new ForbiddenError(
                  'cmi5_launch_data_read_only',
                  'An AU may not change LMS.LaunchData (cmi5 10.2.1.0-5).',
                );
              return;
            }
            if (req.params.profileId !== 'cmi5LearnerPreferences') {
              if (req.method !== 'GET')
                throw new ForbiddenError('unit_token_scope', 'An AU may only save the cmi5LearnerPreferences profile.');
              return;
            }
            if (req.method === 'GET') await store.cmi5.mark(s.id, 'prefs', now());
            else if (req.method === 'PUT' || req.method === 'POST') checkPreferences(req);
            else throw new ForbiddenError('unit_token_scope', 'An AU may not delete the learner preferences.');
          },
        },
      };
      return principal;
    },
  };
  return units;
}
