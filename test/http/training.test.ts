import { describe, expect, it } from 'vitest';
import { signedInWithRoles, submitForm, testApp } from '../support/app.js';

const aSession = (over: Record<string, string | string[]> = {}) => ({
  date: '2025-05-10',
  country: 'KE',
  town: 'Nairobi',
  venue: 'Community pitch',
  sessions: ['1', '2'],
  girls: '12',
  boys: '10',
  other: '1',
  under13: '3',
  from13to15: '12',
  from16to18: '8',
  over18: '0',
  notes: '',
  ...over,
});
const total = async (t: Awaited<ReturnType<typeof testApp>>, metric: string) =>
  (await t.deps.store.stats.counts({ metrics: [metric], filter: {}, from: '2000-01', to: '2999-12' })).reduce(
    (n, r) => n + r.n,
    0,
  );

describe('training of trainers', () => {
  it('records a delivered session as a record, an xAPI statement and counters', async () => {
    const t = await testApp();
    const { agent, user } = await signedInWithRoles(t, ['learner', 'trainer']);

    const res = await submitForm(agent, '/training/sessions/new', '/training/sessions', aSession());
    const [record] = await t.deps.store.training.listSessions({ limit: 10 });
    const statement = await t.deps.store.statements.get(record.statementId);

    expect(res.status).toBe(303);
    expect(record).toMatchObject({
      trainerId: user.id,
      country: 'KE',
      sessions: [1, 2],
      counts: { girls: 12, boys: 10, other: 1, from13to15: 12 },
    });
    expect(statement?.statement).toMatchObject({
      verb: { id: 'http://activitystrea.ms/schema/1.0/host' },
      context: { instructor: { account: { name: user.id } } },
    });
    expect(JSON.stringify(statement?.statement)).not.toContain('Nairobi');
    expect(await total(t, 'reached.girls')).toBe(12);
    expect(await total(t, 'sessions')).toBe(1);
  });

  it('edits by voiding and replacing the statement, and deleting takes the counts out', async () => {
    const t = await testApp();
    const { agent } = await signedInWithRoles(t, ['learner', 'trainer']);
    await submitForm(agent, '/training/sessions/new', '/training/sessions', aSession());
    const [first] = await t.deps.store.training.listSessions({ limit: 10 });

    await submitForm(
      agent,
      `/training/sessions/${first.id}/edit`,
      `/training/sessions/${first.id}`,
      aSession({ girls: '20', under13: '11' }),
    );
    const [edited] = await t.deps.store.training.listSessions({ limit: 10 });
    const afterEdit = {
      girls: await total(t, 'reached.girls'),
      voided: (await t.deps.store.statements.get(first.statementId))?.voided,
    };
    await submitForm(agent, '/training', `/training/sessions/${first.id}/delete`, {});

    expect(edited.statementId).not.toBe(first.statementId);
    expect(afterEdit).toEqual({ girls: 20, voided: true });
    expect(await t.deps.store.training.listSessions({ limit: 10 })).toEqual([]);
    expect(await total(t, 'reached.girls')).toBe(0);
    expect(await total(t, 'sessions')).toBe(0);
  });

  it('refuses bad counts, a future date, no session and mismatched totals, in English, with 422', async () => {
    const t = await testApp();
    const { agent } = await signedInWithRoles(t, ['learner', 'trainer']);
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);

    const res = await submitForm(
      agent,
      '/training/sessions/new',
      '/training/sessions',
      aSession({ date: future, girls: '2.5', sessions: [] }),
    );
    const mismatch = await submitForm(agent, '/training/sessions/new', '/training/sessions', aSession({ over18: '4' }));
    const tooMany = await submitForm(agent, '/training/sessions/new', '/training/sessions', aSession({ boys: '501' }));

    expect(res.status).toBe(422);
    expect(res.text).toContain('The date cannot be in the future.');
    expect(res.text).toContain('Enter a whole number from 0 to 500.');
    expect(res.text).toContain('Choose at least one of the ten sessions.');
    expect(mismatch.text).toContain('The age bands must add up to the same total as the participants by sex.');
    expect(tooMany.status).toBe(422);
    expect(await t.deps.store.training.listSessions({ limit: 10 })).toEqual([]);
  });

  it('shows the same validation in French', async () => {
    const t = await testApp();
    const { agent } = await signedInWithRoles(t, ['learner', 'trainer']);
    await agent.get('/lang/fr?next=/');

    const res = await submitForm(
      agent,
      '/training/sessions/new',
      '/training/sessions',
      aSession({ girls: '-1', over18: '9' }),
    );

    expect(res.status).toBe(422);
    expect(res.text).toContain('Saisissez un nombre entier de 0 à 500.');
    expect(res.text).toContain('<html lang="fr"');
  });

  it('lets only the trainer who recorded a session change it; managers see all records', async () => {
    const t = await testApp();
    const owner = await signedInWithRoles(t, ['learner', 'trainer']);
    const other = await signedInWithRoles(t, ['learner', 'trainer']);
    const manager = await signedInWithRoles(t, ['learner', 'manager']);
    await submitForm(
      owner.agent,
      '/training/sessions/new',
      '/training/sessions',
      aSession({ town: 'Bishkek', country: 'KG' }),
    );
    const [record] = await t.deps.store.training.listSessions({ limit: 10 });

    const edit = await other.agent.get(`/training/sessions/${record.id}/edit`);
    const otherList = await other.agent.get('/training');
    const managerList = await manager.agent.get('/training');
    const managerForm = await manager.agent.get('/training/sessions/new');

    expect(edit.status).toBe(403);
    expect(otherList.text).not.toContain('Bishkek');
    expect(managerList.text).toContain('Bishkek');
    expect(managerForm.status).toBe(403);
  });

  it('certifies a trainer when the Line Up Live Up completion hook runs, in the completion change', async () => {
    const t = await testApp();
    const { user } = await signedInWithRoles(t, ['learner']);
    const course = {
      slug: 'line-up-live-up',
      version: '1.0.0',
      title: { en: 'LULU' },
      defaultLanguage: 'en',
      languages: ['en'],
      estimatedMinutes: 1,
      certificate: true,
    };

    const extra = await t.deps.training.certifyOnCompletion({
      user,
      course,
      registration: crypto.randomUUID(),
      completedAt: new Date('2025-04-02T10:00:00Z'),
    });
    const other = await t.deps.training.certifyOnCompletion({
      user,
      course: { ...course, slug: 'essential-services-package' },
      registration: crypto.randomUUID(),
      completedAt: new Date(),
    });
    await t.deps.store.record({ entries: [], ...extra });

    expect(other).toEqual({});
    expect(await t.deps.store.training.trainer(user.id)).toMatchObject({
      source: 'course',
      certifiedAt: new Date('2025-04-02T10:00:00Z'),
    });
    expect((await t.deps.store.users.findById(user.id))?.roles).toContain('trainer');
  });

  it('lets an administrator certify and withdraw a trainer with a reason, audit-logged', async () => {
    const t = await testApp();
    const admin = await signedInWithRoles(t, ['learner', 'admin']);
    const coach = await signedInWithRoles(t, ['learner']);

    const noReason = await submitForm(admin.agent, '/admin/trainers', '/admin/trainers', {
      email: coach.email,
      reason: '',
    });
    await submitForm(admin.agent, '/admin/trainers', '/admin/trainers', {
      email: coach.email,
      reason: 'Trained in person in Nairobi',
    });
    const certified = (await t.deps.store.users.findById(coach.user.id))?.roles;
    await submitForm(admin.agent, '/admin/trainers', `/admin/trainers/${coach.user.id}/withdraw`, {
      reason: 'Left the programme',
    });
    const audit = await t.deps.store.audit.list({ targetType: 'user', targetId: coach.user.id, limit: 10 });

    expect(noReason.status).toBe(422);
    expect(certified).toContain('trainer');
    expect((await t.deps.store.users.findById(coach.user.id))?.roles).not.toContain('trainer');
    expect(audit.map((a) => [a.action, a.details.reason])).toEqual(
      expect.arrayContaining([
        ['trainer.certified', 'Trained in person in Nairobi'],
        ['trainer.withdrawn', 'Left the programme'],
      ]),
    );
  });
});
