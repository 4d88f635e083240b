import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../scripts/lib/demo-programme.js';
import { createApp } from '../../server/app.js';
import { illustrationsDir, loadIllustrations } from '../../server/courses/illustrations.js';
import { allTimeQuery } from '../../server/home/home-figures.js';
import { registeredAgent, submitForm, testApp } from '../support/app.js';

/** Handlebars escapes `=` in attributes; browsers read it back. */
const decodeEquals = (html: string) => html.replaceAll('&#x3D;', '=');

const figure = (html: string, name: string) => {
  const m = new RegExp(`data-figure="${name}">([^<]+)<`).exec(html);
  return m ? Number(m[1]!.replace(/[^\d]/g, '')) : null;
};

describe('the home page', () => {
  it("shows the programme's live headline figures, equal to the statistics service's, and its courses", {
    timeout: 60_000,
  }, async () => {
    const t = await testApp();
    await seedDemo(t.deps, { seed: 7, learners: 15, now: new Date() });
    const app = createApp(t.deps); // a fresh app: its figures are read after the seed

    const res = await request(app).get('/').set('Accept-Language', 'en');
    const d = await t.deps.stats.dashboard(allTimeQuery(new Date()));

    expect(res.status).toBe(200);
    const shown = {
      learners: figure(res.text, 'learners'),
      completions: figure(res.text, 'completions'),
      certificates: figure(res.text, 'certificates'),
      countries: figure(res.text, 'countries'),
    };
    expect(shown).toEqual({
      learners: d.totals.registeredLearners,
      completions: d.totals.completions,
      certificates: d.totals.certificates,
      countries: d.countriesWithActivity,
    });
    // Not a page of zeros: the demo programme has learners, completions and certificates in several countries.
    expect(shown.learners).toBe(await t.deps.store.users.count());
    expect(Math.min(shown.completions!, shown.certificates!, shown.countries!)).toBeGreaterThan(0);
    for (const slug of ['alternatives-to-imprisonment', 'essential-services-package', 'line-up-live-up'])
      expect(res.text).toContain(`href="/courses/${slug}"`);
  });

  it('tells the story in the reader language, with a call to action for visitors', async () => {
    const t = await testApp();

    const en = await request(t.app).get('/').set('Accept-Language', 'en');
    const ar = await request(t.app).get('/').set('Accept-Language', 'ar');

    expect(en.text).toContain('Why this programme');
    expect(en.text).toContain('href="/register"');
    expect(ar.text).toContain('dir="rtl"');
    expect(ar.text).toContain('لماذا هذا البرنامج');
  });

  it('still shows the story and the courses when the statistics cannot be read', async () => {
    const t = await testApp();
    t.deps.stats = {
      ...t.deps.stats,
      dashboard: () => Promise.reject(new Error('stats store down')),
    };

    const res = await request(createApp(t.deps)).get('/');

    expect(res.status).toBe(200);
    expect(res.text).not.toContain('data-figure=');
    expect(res.text).toContain('href="/courses/line-up-live-up"');
  });
});

describe('course cards', () => {
  it("show each course's own drawing, decorative, and a generic one for a course without its own", async () => {
    const t = await testApp();

    const res = await request(t.app).get('/courses');

    const imgs = [...res.text.matchAll(/<img class="card-art" src="([^"]+)" alt=""/g)].map((m) => decodeEquals(m[1]!));
    expect(imgs).toHaveLength(3);
    expect(imgs.join()).toMatch(/\/public\/img\/courses\/line-up-live-up\.svg\?v=[0-9a-f]{10}/);
    expect(loadIllustrations(t.deps.root).src('an-imported-scorm-course')).toMatch(
      /\/courses\/package\.svg\?v=\w{12}$/,
    );
  });

  it('serves the drawings small, as SVG, cached for a year', async () => {
    const t = await testApp();
    const page = await request(t.app).get('/courses');
    const src =
      /\/public\/img\/courses\/essential-services-package\.svg\?v=\w+/.exec(decodeEquals(page.text))?.[0] ?? '';

    const res = await request(t.app).get(src);
    const generic = await request(t.app).get('/public/img/courses/package.svg');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const file of readdirSync(illustrationsDir(t.deps.root)))
      expect({ file, small: statSync(join(illustrationsDir(t.deps.root), file)).size < 4096 }).toEqual({
        file,
        small: true,
      });
    expect(generic.status).toBe(200);
  });

  it('marks the section the reader is in, in the navigation', async () => {
    const t = await testApp();

    const course = await request(t.app).get('/courses/line-up-live-up');
    const home = await request(t.app).get('/');

    expect(course.text).toContain('<a href="/courses" aria-current="page">');
    expect(home.text).not.toContain('aria-current="page"');
  });

  it('says so when no course matches the filters, with a way back to every course', async () => {
    const t = await testApp();

    const res = await request(t.app).get('/courses?language=zh&audience=judiciary').set('Accept-Language', 'en');

    expect(res.text).toContain('No course matches these filters.');
    expect(res.text).toContain('class="button secondary" href="/courses"');
  });
});

describe('feedback after an action', () => {
  it('says once that the user registered, signed out and signed in', async () => {
    const t = await testApp();
    const { agent, email, password } = await registeredAgent(t.app);

    const welcome = await agent.get('/');
    const again = await agent.get('/');
    const signout = await submitForm(agent, '/', '/signout', {});
    const out = await agent.get(signout.headers.location as string);
    const signin = await submitForm(agent, '/signin', '/signin', { email, password });
    const back = await agent.get(signin.headers.location as string);

    expect(welcome.text).toContain('Your account is created and you are signed in.');
    expect(again.text).not.toContain('id="notice"');
    expect(out.text).toContain('You are signed out.');
    expect(signin.headers.location).toBe('/my');
    expect(back.text).toContain('You are signed in.');
  });

  it('keeps the notice for the page, not for a data request made before it', async () => {
    const t = await testApp();
    const { agent } = await registeredAgent(t.app);

    await agent.get('/healthz').set('Accept', 'application/json');
    const page = await agent.get('/my');

    expect(page.text).toContain('Your account is created');
  });

  it('tells a learner with no course what to do next', async () => {
    const t = await testApp();
    const { agent } = await registeredAgent(t.app);

    const my = await agent.get('/my');
    const certs = await agent.get('/my/certificates');

    expect(my.text).toContain('class="empty-state"');
    expect(my.text).toContain('class="button" href="/courses"');
    expect(certs.text).toContain('class="empty-state"');
  });
});
