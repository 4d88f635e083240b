import { describe, expect, it } from 'vitest';
import { checkAuStatements, CMI5, VERB, type AuSessionState } from '../../../server/packages/cmi5-statement-rules.js';

const session: AuSessionState = {
  sessionId: 's-1',
  registration: 'r-1',
  activityId: 'https://lms.example.org/au/1',
  account: { homePage: 'https://lms.example.org', name: 'l-1' },
  launchMode: 'Normal',
  masteryScore: 0.8,
  prefsRead: true,
  initialized: true,
  completed: false,
  passed: false,
  sessionVerbs: new Set([VERB('initialized')]),
};
const st = (
  verb: string,
  over: Record<string, unknown> = {},
  moveOn = ['completed', 'passed', 'failed'].includes(verb),
) => ({
  id: crypto.randomUUID(),
  timestamp: '2026-12-04T07:00:00.000Z',
  actor: { account: session.account },
  verb: { id: VERB(verb) },
  object: { id: session.activityId },
  context: {
    registration: 'r-1',
    contextActivities: { category: [{ id: CMI5.category }, ...(moveOn ? [{ id: CMI5.moveOnCategory }] : [])] },
    extensions: { [CMI5.sessionId]: 's-1', [CMI5.masteryScore]: 0.8 },
  },
  ...over,
});
const refused = (batch: Record<string, unknown>[], s: Partial<AuSessionState> = {}) => {
  try {
    checkAuStatements(batch, { ...session, ...s });
    return null;
  } catch (err) {
    return (err as Error).message;
  }
};

describe('the cmi5 statement rules an AU must follow (section 9)', () => {
  it('accepts a well-formed session and says what it did', () => {
    expect(
      checkAuStatements(
        [
          st('completed', { result: { completion: true, duration: 'PT1M' } }),
          st('terminated', { result: { duration: 'PT2M' } }),
        ],
        session,
      ),
    ).toEqual({ initialized: true, terminated: true });
  });

  it('takes a defined verb about another activity, without the cmi5 category, as a cmi5 allowed statement', () => {
    // The xAPI Video profile's statements, as CATAPULT's example AUs send them after their own initialized.
    const video = (verb: string) =>
      st(verb, {
        object: { objectType: 'Activity', id: 'https://example.com/video/1' },
        context: {
          registration: 'r-1',
          contextActivities: { category: [{ id: 'https://w3id.org/xapi/video' }] },
          extensions: { [CMI5.sessionId]: 's-1' },
        },
      });
    expect(refused([video('initialized'), video('completed')])).toBeNull();
    expect(checkAuStatements([video('initialized')], session)).toEqual({ initialized: true, terminated: false });
    // Before the AU's own initialized it is still too early, and about the AU the category is still required.
    expect(refused([video('initialized')], { initialized: false, sessionVerbs: new Set() })).toMatch(/9\.3\.0\.0-4/);
    expect(refused([st('completed', { result: { completion: true, duration: 'PT1M' } }, false)])).toMatch(
      /9\.6\.2\.2-1/,
    );
  });

  it('refuses each thing the spec forbids, naming the rule', () => {
    expect(refused([st('initialized')], { initialized: false, prefsRead: false, sessionVerbs: new Set() })).toMatch(
      /11\.0\.0\.0-3/,
    );
    expect(refused([st('experienced')], { initialized: false, sessionVerbs: new Set() })).toMatch(/9\.3\.0\.0-4/);
    expect(refused([st('experienced', { timestamp: '2026-12-04T07:00:00-06:00' })])).toMatch(/UTC/);
    expect(refused([st('voided')])).toMatch(/void/);
    expect(refused([st('passed', { result: { success: true, duration: 'PT1M', score: { scaled: 0.7 } } })])).toMatch(
      /below the mastery/,
    );
    expect(refused([st('failed', { result: { success: false, duration: 'PT1M', score: { scaled: 0.9 } } })])).toMatch(
      /at or above/,
    );
    expect(refused([st('passed', { result: { success: true, duration: 'PT1M' } })], { passed: true })).toMatch(
      /already passed/,
    );
    expect(
      refused([
        st('failed', { result: { success: false, duration: 'PT1M' } }),
        st('failed', { result: { success: false, duration: 'PT1M' } }),
      ]),
    ).toMatch(/9\.3\.0\.0-2/);
    expect(refused([st('completed', { result: { completion: true } })])).toMatch(/duration/);
    expect(refused([st('experienced', {}, true)])).toMatch(/9\.6\.2\.2-2/);
    expect(
      refused([st('completed', { result: { completion: true, duration: 'PT1M' } })], { launchMode: 'Review' }),
    ).toMatch(/Review/);
    expect(refused([st('experienced', { result: { score: { raw: 5 } } })])).toMatch(/min and max/);
    expect(refused([st('experienced', { actor: { mbox: 'mailto:a@example.org' } })])).toMatch(/account/);
    expect(refused([st('terminated', { result: { duration: 'PT1M' } }), st('experienced')])).toMatch(/last statement/);
  });
});
