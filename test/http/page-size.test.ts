import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { registeredAgent, submitForm, testApp } from '../support/app.js';

const LIMIT = 30 * 1024;

describe('page weight', () => {
  it('keeps every lesson page of every course at or under 30 KB gzipped, in English and Arabic', async () => {
    const t = await testApp();
    const { agent } = await registeredAgent(t.app);
    const sizes: { path: string; lang: string; gzip: number }[] = [];

    const courses = t.deps.catalogue
      .list('en')
      .map((c) => t.deps.catalogue.get(c.slug))
      .filter((c) => !c.package);
    for (const course of courses)
      await submitForm(agent, `/courses/${course.slug}`, `/courses/${course.slug}/enrol`, {});
    for (const lang of ['en', 'ar']) {
      await agent.get(`/lang/${lang}`);
      for (const course of courses)
        for (const mod of course.modules)
          for (const lesson of mod.lessons) {
            const path = `/courses/${course.slug}/modules/${mod.id}/lessons/${lesson.id}`;
            const res = await agent.get(path);
            expect({ path, status: res.status, lang: /<html lang="(\w+)"/.exec(res.text)?.[1] }).toEqual({
              path,
              status: 200,
              lang,
            });
            sizes.push({ path, lang, gzip: gzipSync(res.text).length });
          }
    }

    expect(sizes.length).toBeGreaterThan(40);
    expect(sizes.filter((s) => s.gzip > LIMIT)).toEqual([]);
    // The budget is for the page with its stylesheet's share; say what the heaviest lesson weighs.
    const heaviest = sizes.reduce((a, b) => (b.gzip > a.gzip ? b : a));
    expect(heaviest.gzip).toBeGreaterThan(1000);
  }, 120_000);

  it('keeps the stylesheet small enough to fit beside a lesson', async () => {
    const t = await testApp();
    const { default: request } = await import('supertest');

    const css = await request(t.app).get('/public/css/site.css');

    expect(css.status).toBe(200);
    expect(gzipSync(css.text).length).toBeLessThan(10 * 1024);
  });
});
