/**
 * Renders the key pages into docs/screenshots/ for the README:
 *   npm run screenshots [-- --learners 300 --out docs/screenshots]
 * Starts Praxis on a temporary data directory filled by the demo seed, drives Debian's Chromium
 * with playwright-core, and removes the temporary directory afterwards. Loopback only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createApp } from '../server/app.js';
import type { CatalogueService } from '../server/courses/catalogue-service.js';
import { loadConfig } from '../server/config.js';
import { buildDeps } from '../server/container.js';
import { createLogger } from '../server/log.js';
import { fail, parseCli } from './lib/cli.js';
import { DEMO_PASSWORD, seedDemo } from './lib/demo-programme.js';

const CHROMIUM = '/usr/bin/chromium';
const USAGE = `Usage: npm run screenshots [-- --learners N] [--out DIR]

Seeds a temporary Praxis with the demo programme and writes PNGs of its key pages.
  --learners N   size of the demo programme (default 300)
  --out DIR      where to write the images (default docs/screenshots)`;
const { values } = parseCli('screenshots', USAGE, {
  learners: { type: 'string', default: '300' },
  out: { type: 'string', default: 'docs/screenshots' },
});
if (!/^\d+$/.test(values.learners ?? '')) fail('screenshots', '--learners must be a whole number', USAGE);
if (!existsSync(CHROMIUM)) fail('screenshots', `${CHROMIUM} not found (apt-get install chromium)`, USAGE);

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const out = resolve(values.out ?? 'docs/screenshots');

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-screenshots-'));
  const log = createLogger('warn');
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    SQLITE_FILE: join(dir, 'praxis.db'),
    DATA_DIR: dir,
    RATE_LIMIT: 'false',
    PUBLIC_URL: 'http://127.0.0.1',
  });
  const deps = await buildDeps(config, log);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  let server: Server | undefined;
  try {
    process.stderr.write(`seeding a demo programme of ${values.learners} learners…\n`);
    const demo = await seedDemo(deps, { seed: 2025, learners: Number(values.learners), now: new Date() });
    const app = createApp(deps);
    server = await new Promise<Server>((ok) => {
      const s = app.listen(0, '127.0.0.1', () => ok(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    mkdirSync(out, { recursive: true });

    const context = async (viewport: typeof DESKTOP, email?: string) => {
      const ctx = await browser.newContext({ viewport, locale: 'en-GB', deviceScaleFactor: 1 });
      const page = await ctx.newPage();
      if (email) await signIn(page, url, email);
      // English for the README, whatever the demo account's own language is.
      await page.goto(`${url}/lang/en?next=/`);
      await page.close();
      return ctx;
    };
    const shot = async (page: Page, name: string, fullPage = false) => {
      await page.waitForLoadState('networkidle');
      const file = join(out, `${name}.png`);
      await page.screenshot({ path: file, fullPage, animations: 'disabled' });
      process.stderr.write(`  ${name}.png  ${Math.round(statSync(file).size / 1024)} KB\n`);
    };

    const visitor = await context(DESKTOP);
    const home = await visitor.newPage();
    await home.goto(url);
    await shot(home, 'home');
    await home.goto(`${url}/courses`);
    await shot(home, 'catalogue');
    await visitor.close();

    // The learner's lesson on a phone, then a quiz taken to its result.
    const phone = await context(PHONE, demo.learner.email);
    const lessonPage = await phone.newPage();
    const lessonUrl = await firstLesson(lessonPage, url, 'alternatives-to-imprisonment');
    await lessonPage.goto(lessonUrl);
    await shot(lessonPage, 'lesson-phone');
    await lessonPage.goto(`${url}/lang/ar?next=${encodeURIComponent(new URL(lessonUrl).pathname)}`);
    await shot(lessonPage, 'lesson-arabic-phone');
    await phone.close();

    const learner = await context(DESKTOP, demo.learner.email);
    const quizPage = await learner.newPage();
    await quizResult(quizPage, url, 'alternatives-to-imprisonment', deps.catalogue);
    await shot(quizPage, 'quiz-result');
    await learner.close();

    const [cert] = await deps.store.certificates.list({ limit: 1 });
    if (cert) {
      const owner = await deps.store.users.findById(cert.userId);
      const ctx = await context(DESKTOP, owner?.email);
      const page = await ctx.newPage();
      await page.goto(`${url}/verify/${cert.code}`);
      await shot(page, 'certificate-verification');
      const pdf = await page.request.get(`${url}/my/certificates/${cert.id}/certificate.pdf?lang=en`);
      if (pdf.ok() && existsSync('/usr/bin/pdftoppm')) {
        const pdfFile = join(dir, 'certificate.pdf');
        writeFileSync(pdfFile, await pdf.body());
        execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-singlefile', pdfFile, join(out, 'certificate')]);
        process.stderr.write(
          `  certificate.png  ${Math.round(statSync(join(out, 'certificate.png')).size / 1024)} KB\n`,
        );
      }
      await ctx.close();
    }

    const manager = await context(DESKTOP, demo.manager.email);
    const stats = await manager.newPage();
    await stats.goto(`${url}/stats`);
    await shot(stats, 'dashboard');
    await stats.goto(`${url}/stats/report`);
    await shot(stats, 'report');
    await manager.close();
  } finally {
    await browser.close();
    if (server) await new Promise<void>((ok) => server?.close(() => ok()));
    server?.closeAllConnections();
    await deps.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function signIn(page: Page, url: string, email: string) {
  await page.goto(`${url}/signin`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/signin')),
    page.locator('form.form button').click(),
  ]);
}

/** Enrols if needed (through the page's own form) and returns the first lesson's address. */
async function firstLesson(page: Page, url: string, slug: string): Promise<string> {
  await page.goto(`${url}/courses/${slug}`);
  const enrol = page.locator(`form[action="/courses/${slug}/enrol"] button`);
  if (await enrol.count()) await Promise.all([page.waitForURL(/enrolled=1/), enrol.click()]);
  const href = await page.locator('.outline a[href*="/lessons/"]').first().getAttribute('href');
  if (!href) throw new Error(`no lesson link on /courses/${slug}`);
  return `${url}${href}`;
}

/** Opens the course's first quiz and answers all but its last question right (a pass, with both kinds of feedback). */
async function quizResult(page: Page, url: string, slug: string, catalogue: CatalogueService) {
  await firstLesson(page, url, slug);
  const href = await page.locator('.outline a[href*="/quizzes/"]').first().getAttribute('href');
  const quiz = catalogue.get(slug).quizzes.get(href?.split('/').pop() ?? '');
  if (!href || !quiz) throw new Error(`no quiz link on /courses/${slug}`);
  await page.goto(`${url}${href}`);
  const start = page.locator('form[action$="/attempts"] button');
  if (!(await start.count())) return; // no attempt left: the quiz page itself is shown
  await Promise.all([page.waitForURL(/\/attempts\/[^/]+$/), start.click()]);
  for (const q of quiz.questions.slice(0, -1)) {
    if (q.type === 'single' || q.type === 'multiple')
      for (const o of q.options.filter((x) => x.correct)) await page.check(`input[name="a.${q.id}"][value="${o.id}"]`);
    if (q.type === 'true-false') await page.check(`input[name="a.${q.id}"][value="${q.answer}"]`);
    if (q.type === 'matching')
      for (const p of q.pairs) await page.selectOption(`select[name="m.${q.id}.${p.id}"]`, p.id);
    if (q.type === 'ordering')
      for (const [k, it] of q.items.entries())
        await page.selectOption(`select[name="o.${q.id}.${it.id}"]`, String(k + 1));
  }
  await Promise.all([page.waitForURL(/\/result$/), page.locator('form.quiz > button[type=submit]').click()]);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
