import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { seededRandom } from '../../scripts/lib/random.js';
import type { LedgerEntry, Store } from '../../server/store/store.js';
import { signedInWithRoles, testApp, type TestApp } from '../support/app.js';
import { aUser } from '../store/builders.js';
import {
  assessed,
  completedCourse,
  completedModule,
  earned,
  experienced,
  registered,
  voiding,
} from '../support/xapi-builders.js';

interface RawEvent {
  user: string;
  country: string;
  sex: string;
  sector: string;
  kind: string;
  course: string;
  module?: string;
  at: Date;
  voided: boolean;
}

/** A seeded population recorded through store.record; the raw events are kept to recompute every figure independently. */
async function seedPopulation(store: Store, seed = 7) {
  const r = seededRandom(seed);
  const events: RawEvent[] = [];
  for (let i = 0; i < 60; i++) {
    const dims = {
      country: r.pick(['KE', 'BR', 'KG', 'FR']),
      sex: r.pick(['female', 'male', 'undisclosed'] as const),
      sector: r.pick(['police', 'judiciary', 'health'] as const),
    };
    const user = await store.users.create(aUser(dims));
    for (const course of ['c1', 'c2']) {
      if (!r.chance(0.7)) continue;
      let t = Date.UTC(2025, 0, 1) + r.int(0, 600) * 86_400_000;
      const next = () => new Date((t += r.int(1, 20) * 86_400_000));
      const entries: { entry: LedgerEntry; ev: RawEvent }[] = [];
      const add = (
        kind: string,
        entry: (e: { user: string; course: string; at: Date; module?: string }) => LedgerEntry,
        module?: string,
      ) => {
        const at = next();
        entries.push({
          entry: entry({ user: user.id, course, at, module }),
          ev: { user: user.id, ...dims, kind, course, module, at, voided: false },
        });
      };
      add('registered', registered);
      let finished = true;
      for (const module of ['m1', 'm2']) {
        add('experienced', (e) => experienced({ ...e, module }), module);
        if (r.chance(0.3)) add('quiz.failed', (e) => assessed({ ...e, module }, false), module);
        if (r.chance(0.2)) {
          finished = false;
          break;
        }
        add('quiz.passed', (e) => assessed({ ...e, module }, true), module);
        add('module.completed', (e) => completedModule({ ...e, module }), module);
      }
      if (finished) {
        if (r.chance(0.3)) add('final.failed', (e) => assessed(e, false));
        add('final.passed', (e) => assessed(e, true));
        add('course.completed', (e) => completedCourse(e));
        add('certificate', earned);
        if (r.chance(0.2)) add('course.completed', (e) => completedCourse(e)); // completing the same course again counts once
      }
      await store.record({ entries: entries.map((x) => x.entry) });
      const voidable = entries.filter((x) => x.ev.kind === 'course.completed' || x.ev.kind === 'quiz.passed');
      if (voidable.length && r.chance(0.15)) {
        const target = r.pick(voidable);
        await store.record({ entries: [voiding(target.entry.statement.id)] });
        target.ev.voided = true;
      }
      events.push(...entries.map((x) => x.ev));
    }
  }
  return events;
}

type Filter = { course?: string; country?: string; sex?: string; sector?: string };
/** Every figure of the dashboard, computed from the raw events without the counters. */
function expected(events: RawEvent[], from: Date, to: Date, f: Filter) {
  const live = events.filter((e) => !e.voided);
  const dimsOk = (e: RawEvent) =>
    (!f.country || e.country === f.country) &&
    (!f.sex || e.sex === f.sex) &&
    (!f.sector || e.sector === f.sector) &&
    (!f.course || e.course === f.course);
  const inPeriod = (d: Date) => d >= from && d < to;
  const first = (kind: string) => {
    const m = new Map<string, RawEvent>();
    for (const e of live.filter((x) => x.kind === kind)) {
      const k = `${e.user}|${e.course}`;
      if (!m.has(k) || e.at < m.get(k)!.at) m.set(k, e);
    }
    return m;
  };
  const regs = first('registered');
  const dones = first('course.completed');
  const count = (kind: string) => live.filter((e) => e.kind === kind && inPeriod(e.at) && dimsOk(e)).length;
  const completions = [...dones.values()].filter((e) => inPeriod(e.at) && dimsOk(e));
  const cohort = [...regs.values()].filter((e) => inPeriod(e.at) && dimsOk(e));
  const days = completions
    .map((e) => Math.floor((e.at.getTime() - regs.get(`${e.user}|${e.course}`)!.at.getTime()) / 86_400_000))
    .sort((a, b) => a - b);
  const median =
    days.length === 0
      ? null
      : days.length % 2
        ? days[(days.length - 1) / 2]
        : (days[days.length / 2 - 1] + days[days.length / 2]) / 2;
  const rate = (a: number, b: number) => (b > 0 ? a / b : null);
  const byCountry: Record<string, number> = {};
  for (const e of live)
    if (e.kind === 'registered' && inPeriod(e.at) && dimsOk(e)) byCountry[e.country] = (byCountry[e.country] ?? 0) + 1;
  return {
    totals: {
      activeLearners: new Set(live.filter((e) => inPeriod(e.at) && dimsOk(e)).map((e) => e.user)).size,
      enrolments: count('registered'),
      learnersEnrolled: cohort.length,
      completions: completions.length,
      completionRate: rate(cohort.filter((e) => dones.has(`${e.user}|${e.course}`)).length, cohort.length),
      quizPassRate: rate(count('quiz.passed'), count('quiz.passed') + count('quiz.failed')),
      finalPassRate: rate(count('final.passed'), count('final.passed') + count('final.failed')),
      certificates: count('certificate'),
      medianDays: median,
    },
    byCountry,
  };
}

async function managerAgent(t: TestApp) {
  return (await signedInWithRoles(t, ['learner', 'manager'])).agent;
}

describe('statistics', () => {
  it('gives every dashboard figure exactly as computed from the raw events, with combined filters and periods', async () => {
    const t = await testApp();
    const events = await seedPopulation(t.deps.store);
    const agent = await managerAgent(t);
    const cases: [string, Date, Date, Filter][] = [
      ['period=year&year=2025', new Date('2025-01-01'), new Date('2026-01-01'), {}],
      ['period=year&year=2026&country=KE', new Date('2026-01-01'), new Date('2027-01-01'), { country: 'KE' }],
      [
        'period=quarter&year=2025&quarter=3&sex=female&course=c1',
        new Date('2025-07-01'),
        new Date('2025-10-01'),
        { sex: 'female', course: 'c1' },
      ],
      [
        'period=custom&from=2025-02&to=2026-05&sector=police&country=BR',
        new Date('2025-02-01'),
        new Date('2026-06-01'),
        { sector: 'police', country: 'BR' },
      ],
      ['period=month&month=2025-06', new Date('2025-06-01'), new Date('2025-07-01'), {}],
    ];

    for (const [query, from, to, filter] of cases) {
      const res = await agent.get(`/api/stats/dashboard?${query}`);
      const want = expected(events, from, to, filter);

      expect(res.status).toBe(200);
      expect({ query, ...res.body.totals, registeredLearners: undefined }).toEqual({
        query,
        ...want.totals,
        registeredLearners: undefined,
      });
      expect(
        Object.fromEntries(
          res.body.countries
            .filter((c: { enrolments: number }) => c.enrolments > 0)
            .map((c: { key: string; enrolments: number }) => [c.key, c.enrolments]),
        ),
      ).toEqual(want.byCountry);
    }
    expect(events.some((e) => e.voided)).toBe(true);
  });

  it('shows zeros, not errors, for an empty period', async () => {
    const t = await testApp();
    await seedPopulation(t.deps.store, 3);
    const agent = await managerAgent(t);

    const res = await agent.get('/api/stats/dashboard?period=year&year=2019');
    const page = await agent.get('/stats?period=year&year=2019');

    expect(res.body.totals).toMatchObject({
      enrolments: 0,
      completions: 0,
      completionRate: null,
      medianDays: null,
      activeLearners: 0,
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain('No activity in this period.');
  });

  it('refuses learners and trainers (403) and anonymous API callers (401)', async () => {
    const t = await testApp();
    const learner = (await signedInWithRoles(t, ['learner'])).agent;
    const trainer = (await signedInWithRoles(t, ['learner', 'trainer'])).agent;

    for (const agent of [learner, trainer]) {
      for (const path of [
        '/stats',
        '/stats/courses.csv',
        '/stats/report',
        '/api/stats/dashboard',
        '/api/stats/tables/countries',
      ]) {
        expect((await agent.get(path)).status).toBe(403);
      }
    }
    expect((await request(t.app).get('/api/stats/dashboard')).status).toBe(401);
    expect((await request(t.app).get('/stats')).status).toBe(303);
  });

  it('exports each table as CSV with numeric columns', async () => {
    const t = await testApp();
    await seedPopulation(t.deps.store, 11);
    const agent = await managerAgent(t);

    const res = await agent.get('/stats/countries.csv?period=custom&from=2025-01&to=2026-12');
    const courses = await agent.get('/stats/courses.csv?period=custom&from=2025-01&to=2026-12');
    const [header, ...rows] = res.text
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));

    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(header).toEqual(['country', 'active', 'enrolments', 'completions', 'sessions', 'reached']);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row[0]).toMatch(/^[A-Z]{2}$/);
      for (const cell of row.slice(1)) expect(Number.isInteger(Number(cell)) && cell !== '').toBe(true);
    }
    const rate = courses.text.trim().split('\r\n')[1].split(',')[4];
    expect(Number(rate)).toBeGreaterThanOrEqual(0);
    expect(Number(rate)).toBeLessThanOrEqual(1);
  });

  it('renders the dashboard with tables first and an accessible chart, right to left in Arabic', async () => {
    const t = await testApp();
    await seedPopulation(t.deps.store, 5);
    const agent = await managerAgent(t);
    await agent.get('/lang/ar?next=/');

    const page = await agent.get('/stats?period=custom&from=2025-01&to=2026-12');

    expect(page.status).toBe(200);
    expect(page.text).toContain('dir="rtl"');
    expect(page.text).toMatch(/<table>[\s\S]*<svg class="chart"[^>]*role="img"/);
    expect(page.text).toMatch(/<title id="chart-countries-title">/);
    expect(page.text).toContain('كينيا'); // Kenya, named in Arabic
  });

  it('states the yearly figures in sentences with plural forms, in English and Russian', async () => {
    const t = await testApp();
    const { user } = await signedInWithRoles(t, ['learner']);
    const ev = { user: user.id, course: 'line-up-live-up', at: new Date('2025-03-01T00:00:00Z') };
    await t.deps.store.record({
      entries: [registered(ev), completedModule({ ...ev, module: 'm1' }), completedCourse(ev)],
      trainers: [{ action: 'certify', userId: user.id, at: ev.at, source: 'course' }],
    });
    const { agent: trainer } = await signedInWithRoles(t, ['learner', 'trainer']);
    await trainer.get('/training/sessions/new');
    const agent = await managerAgent(t);

    const en = await agent.get('/stats/report?year=2025&lang=en');
    const ru = await agent.get('/stats/report?year=2025&lang=ru');

    expect(en.text).toContain(
      'In 2025, 1 user took part in online training under the Praxis eLearning Programme, completing 1 module in 1 course across 1 country.',
    );
    expect(en.text).toContain('a total of 1 sport coach was certified in 2025');
    expect(ru.text).toContain('<html lang="ru"');
    expect(ru.text).toContain('1 пользователь принял участие в онлайн-обучении');
    expect(ru.text).not.toContain('Online training'); // headings and table headers follow the report's language too
    expect(ru.text).not.toMatch(/<th scope="col"[^>]*>Course</);
  });

  it('shows shares on the dashboard as percentages', async () => {
    const t = await testApp();
    const { user } = await signedInWithRoles(t, ['learner']);
    const ev = { user: user.id, course: 'line-up-live-up', at: new Date('2025-03-01T00:00:00Z') };
    await t.deps.store.record({ entries: [registered(ev), completedCourse(ev)] });
    const agent = await managerAgent(t);

    const page = await agent.get('/stats?period=year&year=2025');

    expect(page.text).toMatch(/Completion rate<\/[^>]+>\s*<[^>]+>100%/);
  });
});
