import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { agentLabel, platformUserId, summarise } from '../../../server/lrs-admin/statement-summary.js';
import { learnerIfis } from '../../../server/lrs-admin/erasure-service.js';

const URL = 'https://praxis.test';

describe('statement rows of the admin viewer', () => {
  it('names a platform learner and leaves other actors as the statement gives them', () => {
    const people = new Map([['u1', { displayName: 'Amina', email: 'amina@example.org' }]]);
    const base = {
      id: 's',
      timestamp: 't',
      stored: 't',
      verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
      object: { id: 'http://x/quiz', definition: { name: { fr: 'Quiz final' } } },
      authority: { mbox: 'mailto:lrs@example.org' },
      version: '1.0.3',
    };

    const mine = summarise(
      { ...base, actor: { account: { homePage: URL, name: 'u1' } }, result: { success: true, score: { scaled: 0.8 } } },
      people,
      URL,
    );
    const tool = summarise({ ...base, actor: { mbox: 'mailto:bo@example.org' } }, people, URL);

    expect(mine).toMatchObject({
      person: { displayName: 'Amina' },
      verb: 'passed',
      object: 'Quiz final',
      result: { success: true, scaled: 0.8 },
    });
    expect(tool).toMatchObject({ person: null, actor: 'bo@example.org', result: null });
  });

  it('recognises only accounts of this platform', () => {
    expect(platformUserId({ account: { homePage: URL, name: 'u1' } }, URL)).toBe('u1');
    expect(platformUserId({ account: { homePage: 'https://elsewhere', name: 'u1' } }, URL)).toBeNull();
    expect(agentLabel({ account: { homePage: 'https://elsewhere', name: 'u1' } })).toBe('u1 (https://elsewhere)');
  });

  it('erases a learner under every identifier a tool may have used', () => {
    expect(learnerIfis({ id: 'u1', email: 'Ada@Example.org' }, URL)).toEqual([
      `account:${URL}|u1`,
      'mbox:mailto:ada@example.org',
      `sha1:${createHash('sha1').update('mailto:ada@example.org').digest('hex')}`,
    ]);
  });
});
