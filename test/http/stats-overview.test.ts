import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { createStatsService } from '../../server/stats/stats-service.js';
import { signedInWithRoles, testApp, type TestApp } from '../support/app.js';
import { aUser } from '../store/builders.js';
import { completedCourse, earned, registered } from '../support/xapi-builders.js';

/** The app with the statistics read at a fixed "now", so presets and "still running" are known. */
async function appAt(now: string): Promise<TestApp> {
  const t = await testApp();
  t.deps.stats = createStatsService({ store: t.deps.store, clock: () => new Date(now) });
  return { ...t, app: createApp(t.deps) };
}
const at = (d: string) => new Date(`${d}T12:00:00Z`);

/**
 * Known figures: in 2023, 2 enrolments and 1 completion (Kenya); in 2024, 3 enrolments, no completion
 * and 1 certificate (Brazil). So 2024 against 2023: enrolments +50 %, completions -100 %, certificates
 * up from none, completion rate 50 % → 0 % (-50 points).
 */
async function seed(t: TestApp) {
  const store = t.deps.store;
  const a = await store.users.create(aUser({ country: 'KE' }));
  const b = await store.users.create(aUser({ country: 'BR' }));
  const c = await store.users.create(aUser({ country: 'BR' }));
  await store.record({
    entries: [
      registered({ user: a.id, course: 'c1', at: at('2023-03-01') }),
      registered({ user: a.id, course: 'c2', at: at('2023-04-01') }),
      completedCourse({ user: a.id, course: 'c1', at: at('2023-05-01') }),
      registered({ user: b.id, course: 'c1', at: at('2024-02-01') }),
      registered({ user: b.id, course: 'c2', at: at('2024-02-02') }),
      registered({ user: c.id, course: 'c1', at: at('2024-03-01') }),
      earned({ user: b.id, course: 'c1', at: at('2024-06-01') }),
    ],
  });
}

/** The key-figure card of a measure: its value and its change, as the page shows them. */
function card(html: string, label: string) {
  const m = new RegExp(
    `<dt>${label}</dt><dd>([^<]*)</dd><dd class="delta delta-(\\w+)"><span aria-hidden="true">([^<]*)</span> ([^<]*)</dd>`,
  ).exec(html);
  return m ? { value: m[1], trend: m[2], arrow: m[3], text: m[4] } : null;
}

describe('the dashboard overview', () => {
  it('gives each key figure with its change against the period of the same length before', async () => {
    const t = await appAt('2026-06-15T00:00:00Z');
    await seed(t);
    const { agent } = await signedInWithRoles(t, ['learner', 'manager']);

    const page = (await agent.get('/stats?period=year&year=2024')).text;

    expect(page).toContain('Changes are against 2023, the period of the same length just before.');
    expect(page).not.toContain('is not over yet');
    expect(card(page, 'Enrolments')).toEqual({ value: '3', trend: 'up', arrow: '▲', text: '+50% on 2023' });
    expect(card(page, 'Completions \\(learner × course\\)')).toEqual({
      value: '0',
      trend: 'down',
      arrow: '▼',
      text: '-100% on 2023',
    });
    expect(card(page, 'Certificates issued')).toEqual({
      value: '1',
      trend: 'up',
      arrow: '▲',
      text: 'up from none in 2023',
    });
    expect(card(page, 'Completion rate')).toEqual({
      value: '0%',
      trend: 'down',
      arrow: '▼',
      text: '-50 points on 2023',
    });
    expect(card(page, 'Median days from enrolment to completion')).toMatchObject({
      trend: 'none',
      text: 'nothing to compare with in 2023',
    });
    expect(card(page, 'Sessions delivered')).toMatchObject({ trend: 'same', text: 'no change on 2023' });
  });

  it('compares a quarter, a month and a custom run of months with the one just before', async () => {
    const t = await appAt('2026-06-15T00:00:00Z');
    await seed(t);
    const { agent } = await signedInWithRoles(t, ['learner', 'manager']);

    const quarter = (await agent.get('/stats?period=quarter&year=2024&quarter=1')).text;
    const month = (await agent.get('/stats?period=month&month=2024-03')).text;
    const custom = (await agent.get('/stats?period=custom&from=2024-01&to=2024-06')).text;

    expect(quarter).toContain('Changes are against 2023-Q4');
    expect(card(quarter, 'Enrolments')).toMatchObject({ value: '3', text: 'up from none in 2023-Q4' });
    expect(month).toContain('Changes are against 2024-02');
    expect(card(month, 'Enrolments')).toMatchObject({ value: '1', trend: 'down', text: '-50% on 2024-02' });
    expect(custom).toContain('Changes are against 2023-07 – 2023-12');
    // The trend shows at least a year, so a quarter still has one: April 2023 to March 2024.
    expect(quarter).toContain('<title>April 2023, Enrolments: 1</title>');
    expect(quarter).toContain('<title>March 2024, Enrolments: 1</title>');
    expect(quarter).not.toContain('<title>March 2023, Enrolments');
  });

  it('resolves the period presets from today and keeps the shared link current', async () => {
    const t = await appAt('2026-02-15T10:00:00Z');
    const { agent } = await signedInWithRoles(t, ['learner', 'manager']);
    const period = async (q: string) => {
      const p = (await agent.get(`/api/stats/dashboard?${q}`)).body.period;
      return [p.from, p.to];
    };

    expect(await period('period=this-year')).toEqual(['2026-01', '2026-12']);
    expect(await period('period=last-year')).toEqual(['2025-01', '2025-12']);
    expect(await period('period=last-quarter')).toEqual(['2025-10', '2025-12']);
    expect(await period('period=last-12-months')).toEqual(['2025-02', '2026-01']);
    const checked = (html: string) => /<input type="radio" name="period" value="([a-z0-9-]+)" checked>/.exec(html)?.[1];
    const thisYear = (await agent.get('/stats')).text;
    expect(checked(thisYear)).toBe('this-year');
    expect(thisYear).toContain('2026 is not over yet, so its figures are still growing.');
    expect(checked((await agent.get('/stats?period=year&year=2025')).text)).toBe('last-year');
    expect(checked((await agent.get('/stats?period=quarter&year=2025&quarter=4')).text)).toBe('last-quarter');
    // A fixed period no preset stands for shows as its months in the custom range.
    const old = (await agent.get('/stats?period=quarter&year=2024&quarter=2')).text;
    expect(checked(old)).toBe('custom');
    expect(old).toContain('name="from" type="month" value="2024-04"');
    expect(old).toContain('name="to" type="month" value="2024-06"');
    expect((await agent.get('/stats?period=next-week')).status).toBe(400);
  });

  it('shades a country with completions on the map, named in the reader’s language, with the ranking as its text', async () => {
    const t = await appAt('2026-06-15T00:00:00Z');
    await seed(t);
    const { agent } = await signedInWithRoles(t, ['learner', 'manager']);

    const en = (await agent.get('/stats?period=year&year=2023')).text;
    await agent.get('/lang/fr?next=/');
    const fr = (await agent.get('/stats?period=year&year=2023')).text;

    expect(en).toMatch(/<svg class="world-map"[^>]*role="img" aria-labelledby="map-title map-desc"/);
    expect(en).toMatch(/<path class="q1" data-country="KE" fill="#1f62a3" d="M[^"]+"><title>Kenya: 1<\/title><\/path>/);
    expect(en).toMatch(/<path class="q0" data-country="BR" fill="#e4e8ee" d="M[^"]+"><title>Brazil: 0<\/title>/);
    expect(fr).toMatch(
      /data-country="KE"[^>]*><title>Kenya : 1<\/title>|data-country="KE"[^>]*><title>Kenya: 1<\/title>/,
    );
    expect(fr).toMatch(/data-country="BR"[^>]*><title>Brésil: 0<\/title>/);
    // The ranking beside it: Kenya first with all of the completions.
    expect(en).toMatch(
      /<td class="num">1<\/td><th scope="row">Kenya<\/th><td class="num">1<\/td><td class="num">100%<\/td><td class="num">2<\/td>/,
    );
  });
});
