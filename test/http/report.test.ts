import { describe, expect, it } from 'vitest';
import type request from 'supertest';
import { seedDemo } from '../../scripts/lib/demo-programme.js';
import { LANGUAGES } from '../../server/http/i18n.js';
import type { Dashboard } from '../../server/stats/stats-service.js';
import { itWithPdftotext, pdfText } from '../support/certificates.js';
import { signedInWithRoles, testApp, type TestApp } from '../support/app.js';
import { aUser } from '../store/builders.js';
import { completedCourse, completedModule, earned, registered } from '../support/xapi-builders.js';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
// pdftotext breaks lines and marks right-to-left runs; figures are looked for in the text without either.
const squeeze = (s: string) => s.replace(/[\s\u200e\u200f\u202a-\u202e]+/g, '');
const manager = async (t: TestApp) => (await signedInWithRoles(t, ['learner', 'manager'])).agent;

/** A year of the demo programme: learners, completions, certified trainers and their sessions (seeded once, read by two tests). */
let demo: Promise<{ t: TestApp; agent: Awaited<ReturnType<typeof manager>>; year: number }> | undefined;
const demoYear = () => (demo ??= seedDemoYear());
async function seedDemoYear() {
  const t = await testApp();
  await seedDemo(t.deps, { seed: 11, learners: 40, now: new Date('2026-03-01T00:00:00Z') });
  return { t, agent: await manager(t), year: 2025 };
}

describe('the yearly report', () => {
  itWithPdftotext(
    'downloads as a PDF in every UI language, named by year and language, with the headline figures in it',
    async () => {
      const { t, agent, year } = await demoYear();
      const d = (await agent.get(`/api/stats/dashboard?period=year&year=${year}`)).body as Dashboard;
      const modules = d.modules.reduce((n, m) => n + m.completions, 0);
      expect(d.totals.activeLearners).toBeGreaterThan(0);
      expect(d.cascade.reached).toBeGreaterThan(0);

      for (const lang of LANGUAGES) {
        const res = await agent.get(`/stats/report.pdf?year=${year}&lang=${lang}`).buffer(true).parse(binary);
        const body = res.body as Buffer;
        const num = (n: number) => new Intl.NumberFormat(lang).format(n);
        const text = squeeze(pdfText(body));
        const headline = [
          d.totals.activeLearners,
          modules,
          d.totals.completions,
          d.totals.certificates,
          d.cascade.trainers,
          d.cascade.reached,
        ];

        expect({ lang, status: res.status, type: res.headers['content-type'] }).toEqual({
          lang,
          status: 200,
          type: 'application/pdf',
        });
        expect(res.headers['content-disposition']).toBe(`attachment; filename=praxis-report-${year}-${lang}.pdf`);
        expect(body.subarray(0, 5).toString()).toBe('%PDF-');
        expect({ lang, missing: headline.map(num).filter((n) => !text.includes(squeeze(n))) }).toEqual({
          lang,
          missing: [],
        });
        expect({ lang, title: text.includes(squeeze(t.deps.i18n.getFixedT(lang)('report:title', { year }))) }).toEqual({
          lang,
          title: true,
        });
      }
    },
    180_000,
  );

  it('states the same figures as the dashboard for that year, in the page and the API', async () => {
    const { agent, year } = await demoYear();
    const d = (await agent.get(`/api/stats/dashboard?period=year&year=${year}`)).body as Dashboard;
    const report = (await agent.get(`/api/stats/report?year=${year}&lang=en`)).body;
    const page = await agent.get(`/stats/report?year=${year}&lang=en`);

    expect(report.figures).toMatchObject({
      year,
      users: d.totals.activeLearners,
      modules: d.modules.reduce((n, m) => n + m.completions, 0),
      countries: d.countriesWithActivity,
      enrolments: d.totals.enrolments,
      completions: d.totals.completions,
      completionRate: d.totals.completionRate,
      certificates: d.totals.certificates,
      trainers: d.cascade.trainers,
      sessions: d.cascade.sessions,
      reached: d.cascade.reached,
      shareGirls: d.cascade.shareGirls,
      women: d.sexes.find((r) => r.key === 'female')?.active ?? 0,
    });
    const num = (n: number) => new Intl.NumberFormat('en').format(n);
    const said = report.paragraphs.join(' ');
    expect(said).toContain(`In ${year}, ${num(d.totals.activeLearners)} users took part in online training`);
    expect(said).toContain(`${num(d.totals.completions)} full course completions`);
    expect(said).toContain(`a total of ${num(d.cascade.trainers)} sport coaches were certified in ${year}`);
    expect(said).toContain(`reaching ${num(d.cascade.reached)} young people`);
    for (const p of report.paragraphs as string[])
      expect(page.text).toContain(p.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;'));
    // Every course and every active country of the dashboard has its row in the report.
    for (const c of d.countries.filter((r) => r.active > 0))
      expect(page.text).toContain(new Intl.DisplayNames(['en'], { type: 'region' }).of(c.key));
  }, 120_000);

  it('writes exact sentences with plural forms from a small known year, in English, Russian, Arabic and Chinese', async () => {
    const t = await testApp();
    const people = [
      await t.deps.store.users.create(aUser({ country: 'KE', sex: 'female', sector: 'police' })),
      await t.deps.store.users.create(aUser({ country: 'KE', sex: 'female', sector: 'police' })),
      await t.deps.store.users.create(aUser({ country: 'FR', sex: 'male', sector: 'health' })),
    ];
    const at = new Date('2025-05-02T00:00:00Z');
    for (const [i, user] of people.entries()) {
      const ev = { user: user.id, course: 'line-up-live-up', at };
      const modules = i === 0 ? ['m1', 'm2'] : ['m1'];
      await t.deps.store.record({
        entries: [
          registered(ev),
          ...modules.map((module) => completedModule({ ...ev, module })),
          ...(i === 0 ? [completedCourse(ev), earned(ev)] : []),
        ],
      });
    }
    const agent = await manager(t);
    const say = async (lang: string) =>
      ((await agent.get(`/api/stats/report?year=2025&lang=${lang}`)).body.paragraphs as string[]).join(' ');

    const en = await say('en');
    expect(en).toContain(
      'In 2025, 3 users took part in online training under the Praxis eLearning Programme, completing 4 modules in 1 course across 2 countries.',
    );
    expect(en).toContain('Women made up 67% of the users, and men 33%.');
    expect(en).toContain(
      'The courses recorded 3 enrolments and 1 full course completion (a completion rate of 33%); the platform issued 1 certificate.',
    );
    expect(en).toContain('By region, the largest shares of users were in Africa (67%) and Europe (33%).');
    expect(en).toContain('No trainers were certified and no sessions were recorded in 2025.');
    expect(await say('ru')).toContain('3 пользователя приняли участие');
    expect(await say('ru')).toContain('завершили 4 модуля из 1 курса в 2 странах');
    expect(await say('ar')).toContain('وأكملوا 4 وحدات في 1 دورة في 2 بلدين');
    expect(await say('zh')).toContain('3名用户参加了');
  });

  it('shows the Arabic report right to left, and refuses a bad year with a 400 naming it', async () => {
    const t = await testApp();
    const agent = await manager(t);
    const ar = await agent.get('/stats/report?year=2025&lang=ar');
    const bad = await agent.get('/stats/report.pdf?year=20x5&lang=en');
    const { agent: learner } = await signedInWithRoles(t, ['learner']);

    expect(ar.text).toMatch(/<html lang="ar" dir="rtl"/);
    expect(ar.text).toMatch(/<article class="report" lang="ar" dir="rtl">/);
    expect(ar.text).toContain('تقرير البرنامج لعام 2025');
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/year/i);
    expect((await learner.get('/stats/report.pdf?year=2025')).status).toBe(403);
  });
});
