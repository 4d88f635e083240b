import { describe, expect, it } from 'vitest';
import {
  certificateCompletionHook,
  hoursOf,
  identityHash,
  VERB_EARNED,
} from '../../../server/certificates/certificate-hook.js';
import { openSqliteStore } from '../../../server/store/sqlite/sqlite-store.js';
import type { LedgerChange } from '../../../server/store/store.js';
import { aUser } from '../../store/builders.js';
import { aCompletion, aCourse } from '../../support/certificates.js';

const PUBLIC_URL = 'https://praxis.test';

describe('certificate completion hook', () => {
  it('adds nothing when the course has certificates switched off', async () => {
    const store = openSqliteStore(':memory:');
    const user = await store.users.create(aUser());

    const change = await certificateCompletionHook({ publicUrl: PUBLIC_URL })(
      aCompletion(user, aCourse({ certificate: false })),
    );

    expect(change).toEqual({});
  });

  it('issues a certificate with an "earned" statement from the platform', async () => {
    const store = openSqliteStore(':memory:');
    const user = await store.users.create(aUser({ displayName: 'Amina Diallo', email: 'amina@example.org' }));
    const event = aCompletion(user);

    const change = await certificateCompletionHook({ publicUrl: PUBLIC_URL, newCode: () => '7K3M-Q9XD-2B4R-HT0W' })(
      event,
    );

    const [cert] = change.certificates!;
    expect(cert).toMatchObject({
      code: '7K3M-Q9XD-2B4R-HT0W',
      userId: user.id,
      learnerName: 'Amina Diallo',
      courseSlug: 'alternatives-to-imprisonment',
      hours: 6,
      completedAt: event.completedAt,
    });
    expect(cert.identityHash).toBe(identityHash('amina@example.org', cert.identitySalt));
    const { statement, clientId } = change.entries![0];
    expect(clientId).toBeNull();
    expect(statement).toMatchObject({
      actor: { account: { homePage: PUBLIC_URL, name: user.id } },
      verb: VERB_EARNED,
      object: { id: `${PUBLIC_URL}/certificates/${cert.id}` },
      context: {
        registration: event.registration,
        contextActivities: { parent: [{ id: `${PUBLIC_URL}/courses/alternatives-to-imprisonment` }] },
      },
      authority: { account: { name: 'praxis-platform' } },
    });
    expect(JSON.stringify(statement)).not.toContain('amina@example.org');
  });

  it('issues once under concurrent double submits, rolling back the duplicate statement', async () => {
    const store = openSqliteStore(':memory:');
    const user = await store.users.create(aUser());
    const hook = certificateCompletionHook({ publicUrl: PUBLIC_URL });
    const changes = await Promise.all([hook(aCompletion(user)), hook(aCompletion(user))]);

    const results = await Promise.allSettled(changes.map((c) => store.record({ entries: [], ...c } as LedgerChange)));
    const again = store.record({ entries: [], ...(await hook(aCompletion(user))) } as LedgerChange);

    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    await expect(again).rejects.toMatchObject({ code: 'already_recorded' });
    expect(await store.certificates.listForUser(user.id)).toHaveLength(1);
    expect(await store.statements.count()).toBe(1);
  });

  it('rounds hours to the nearest half hour, at least half an hour', () => {
    expect([hoursOf(360), hoursOf(100), hoursOf(10), hoursOf(45)]).toEqual([6, 1.5, 0.5, 1]);
  });
});
