import { describe, expect, it } from 'vitest';
import { registeredAgent, signedInWithRoles, testApp } from '../support/app.js';
import { aLearnerStatement, recordAll } from '../support/statements.js';

const rowsOn = (html: string) => (html.match(/href="\/admin\/lrs\/statements\/[0-9a-f-]{36}"/g) ?? []).length;
const nextOn = (html: string) =>
  /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&').replaceAll('&#x3D;', '=');

async function withLearners() {
  const t = await testApp();
  const url = t.deps.config.PUBLIC_URL;
  const admin = await signedInWithRoles(t, ['admin']);
  const amina = await registeredAgent(t.app, { displayName: 'Amina Diallo' });
  const aminaId = (await t.deps.store.users.findByEmail(amina.email))!.id;
  return { t, url, agent: admin.agent, amina: { email: amina.email, id: aminaId } };
}

describe('statement viewer', () => {
  it('filters by learner, verb, course and period, and names platform learners', async () => {
    const { t, url, agent, amina } = await withLearners();
    await recordAll(t.deps.store, [
      aLearnerStatement(url, amina.id, {
        verb: 'passed',
        course: 'line-up-live-up',
        stored: new Date('2026-03-10T12:00:00Z'),
        extra: { result: { success: true, score: { scaled: 0.9 } } },
      }),
      aLearnerStatement(url, amina.id, {
        verb: 'passed',
        course: 'alternatives-to-imprisonment',
        stored: new Date('2026-03-10T13:00:00Z'),
      }),
      aLearnerStatement(url, amina.id, {
        verb: 'experienced',
        course: 'line-up-live-up',
        stored: new Date('2026-03-10T14:00:00Z'),
      }),
      aLearnerStatement(url, amina.id, {
        verb: 'passed',
        course: 'line-up-live-up',
        stored: new Date('2026-04-01T12:00:00Z'),
      }),
      aLearnerStatement(url, 'someone-else', {
        verb: 'passed',
        course: 'line-up-live-up',
        stored: new Date('2026-03-10T15:00:00Z'),
      }),
    ]);

    const res = await agent.get('/admin/lrs/statements').query({
      learner: amina.email.toUpperCase(),
      verb: 'passed',
      course: 'line-up-live-up',
      since: '2026-03-10',
      until: '2026-03-10',
    });

    expect(res.status).toBe(200);
    expect(rowsOn(res.text)).toBe(1);
    expect(res.text).toContain('Amina Diallo');
    expect(res.text).toContain(amina.email);
    expect(res.text).toContain('Succeeded');
    expect(res.text).toContain('90%');
    // Courses are picked from the catalogue, the chosen one stays selected, and the filters fold behind a summary.
    expect(res.text).toContain('<option value="line-up-live-up" selected>');
    expect(res.text).toContain('<option value="essential-services-package">');
    expect(res.text).toMatch(/<details class="filters-panel">\s*<summary>Filters · 5 active<\/summary>/);
  });

  it('pages newest first with a next-page link built on the seq cursor', async () => {
    const { t, url, agent, amina } = await withLearners();
    const statements = Array.from({ length: 60 }, (_, i) => aLearnerStatement(url, amina.id, { lesson: `l${i}` }));
    await recordAll(t.deps.store, statements);

    const first = await agent.get('/admin/lrs/statements').query({ learner: amina.email });
    const second = await agent.get(nextOn(first.text)!);

    expect(rowsOn(first.text)).toBe(50);
    expect(first.text.indexOf(statements[59].id)).toBeLessThan(first.text.indexOf(statements[10].id));
    expect(nextOn(first.text)).toMatch(/^\/admin\/lrs\/statements\?learner=.+&after=\d+$/);
    expect(rowsOn(second.text)).toBe(10);
    expect(second.text).toContain(statements[0].id);
    expect(nextOn(second.text)).toBeUndefined();
  });

  it('re-renders with 422 for an unknown learner or a reversed period', async () => {
    const { agent } = await withLearners();

    const unknown = await agent.get('/admin/lrs/statements').query({ learner: 'nobody@example.org' });
    const reversed = await agent.get('/admin/lrs/statements').query({ since: '2026-05-01', until: '2026-04-01' });
    const badCursor = await agent.get('/admin/lrs/statements').query({ after: 'abc' });

    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('No learner has this e-mail address.');
    expect(reversed.status).toBe(422);
    expect(reversed.text).toContain('The end date must not be before the start date.');
    expect(badCursor.status).toBe(422);
  });

  it('shows one statement in full as JSON, and 404 for an unknown id', async () => {
    const { t, url, agent, amina } = await withLearners();
    const s = aLearnerStatement(url, amina.id);
    await recordAll(t.deps.store, [s]);

    const res = await agent.get(`/admin/lrs/statements/${s.id}`);
    const missing = await agent.get('/admin/lrs/statements/00000000-0000-4000-8000-000000000000');

    expect(res.status).toBe(200);
    expect(res.text).toContain(`&quot;id&quot;: &quot;${s.id}&quot;`);
    expect(res.text).toContain('Amina Diallo');
    expect(res.text).not.toContain('$argon2id$'); // the page's context never leaks into the JSON block
    expect(missing.status).toBe(404);
  });

  it('exports the same selection as NDJSON, newest first, across several store pages', async () => {
    const { t, url, agent, amina } = await withLearners();
    const mine = Array.from({ length: 1203 }, (_, i) => aLearnerStatement(url, amina.id, { lesson: `l${i}` }));
    await recordAll(t.deps.store, [...mine, aLearnerStatement(url, 'someone-else')]);

    const res = await agent
      .get('/admin/lrs/statements/export')
      .query({ learner: amina.email })
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => {
          text += c;
        });
        r.on('end', () => done(null, text));
      });
    const lines = (res.body as string)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="praxis-statements-\d{8}-\d{6}\.ndjson"$/,
    );
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(lines).toHaveLength(1203);
    expect(lines[0].id).toBe(mine[1202].id);
    expect(lines[1202].id).toBe(mine[0].id);
  });
});
