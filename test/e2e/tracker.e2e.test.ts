import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StoredStatement } from '../../server/store/store.js';
import { browserAndServer, browserAvailable, enrolledLearnerPage } from '../support/browser.js';
import { eventually } from '../support/eventually.js';

const PROGRESSED = 'http://adlnet.gov/expapi/verbs/progressed';
const PROGRESS = 'https://w3id.org/xapi/cmi5/result/extensions/progress';
const LESSON = '/courses/line-up-live-up/modules/m1-sport-and-prevention/lessons/l1-from-doha-to-the-field';

type Queued = { registration: string; statement: { id: string; timestamp: string } };

const progressOf = (s: StoredStatement) => (s.result as { extensions: Record<string, number> }).extensions[PROGRESS];

describe.skipIf(!browserAvailable())('the lesson tracker in a browser (strict CSP, no bypass)', () => {
  const t = browserAndServer();

  const progressed = async (registration: string) =>
    (await t.server.deps.store.statements.query({ registration, verb: PROGRESSED, ascending: true, limit: 100 }))
      .statements;
  const queue = (page: Page) =>
    page.evaluate(() => JSON.parse(localStorage.getItem('praxis.xapi.queue') ?? '[]')) as Promise<Queued[]>;

  /** A new learner, signed in and enrolled, on a long English lesson in a small window. */
  async function learnerOnLesson() {
    const learner = await enrolledLearnerPage(t, {
      slug: 'line-up-live-up',
      profile: { displayName: 'Kofi Mensah', country: 'GH', sex: 'male' },
      context: { viewport: { width: 800, height: 500 } },
      // The browser's own favicon request is not the page's doing.
      ignore: (m) => m.location().url.endsWith('/favicon.ico'),
    });
    await learner.page.goto(`${t.server.url}${LESSON}`);
    const registration = (await learner.page.locator('#xapi-tracker').getAttribute('data-registration'))!;
    return { ...learner, registration };
  }

  it('sends progressed with the learner, the registration, how far they read and the visible time, with no CSP or script errors', async () => {
    const { context, page, registration, userId, problems } = await learnerOnLesson();

    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 3));
    await page.waitForTimeout(1500); // time on the page, so the duration is worth reporting
    await page.goto(`${t.server.url}/courses/line-up-live-up`); // pagehide sends with fetch keepalive
    const first = await eventually(
      () => progressed(registration),
      (l) => l.length >= 1,
      'a progressed statement on leaving the page',
    );
    await page.goto(`${t.server.url}${LESSON}`);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const all = await eventually(
      () => progressed(registration),
      (l) => l.some((s) => progressOf(s) === 100),
      'progressed 100 on reaching the end',
    );

    expect(first[0].actor).toEqual({
      objectType: 'Agent',
      account: { homePage: t.server.deps.config.PUBLIC_URL, name: userId },
    });
    expect(first[0].context).toMatchObject({ registration, language: 'en' });
    expect(first[0].object).toMatchObject({ id: `${t.server.deps.config.PUBLIC_URL}${LESSON}` });
    expect(progressOf(first[0])).toBeGreaterThan(0);
    expect(progressOf(first[0])).toBeLessThan(100);
    expect(Number(/^PT([\d.]+)S$/.exec((first[0].result as { duration: string }).duration)![1])).toBeGreaterThanOrEqual(
      1,
    );
    expect(all.every((s) => (s.authority as { objectType: string }).objectType === 'Group')).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps statements made offline in the browser and sends them with their original timestamps, when back online and from the next page', async () => {
    const { context, page, registration, problems } = await learnerOnLesson();
    await context.setOffline(true);

    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const offline = await eventually(
      () => queue(page),
      (q) => q.length === 1,
      'a queued statement',
    );
    await page.waitForTimeout(1100); // so the arrival is visibly later than the statement
    await context.setOffline(false); // the `online` event flushes the queue
    const sent = await eventually(
      () => progressed(registration),
      (l) => l.length === 1,
      'the queued statement after going online',
    );
    await eventually(
      () => queue(page),
      (q) => q.length === 0,
      'an empty queue',
    );
    await context.setOffline(true);
    await page.reload().catch(() => undefined); // pagehide queues a statement; the reload itself fails offline
    await context.setOffline(false);
    await page.goto(`${t.server.url}${LESSON}`); // a fresh token for the same registration sends it
    const later = await eventually(
      () => progressed(registration),
      (l) => l.length === 2,
      'the statement queued on the failed reload',
    );
    const left = await eventually(
      () => queue(page),
      (q) => q.length === 0,
      'the queue emptied once the LRS answered',
    );

    expect(sent[0].id).toBe(offline[0].statement.id);
    expect(sent[0].timestamp).toBe(offline[0].statement.timestamp);
    expect(Date.parse(sent[0].stored) - Date.parse(sent[0].timestamp)).toBeGreaterThanOrEqual(1000);
    expect(Date.parse(later[1].stored)).toBeGreaterThan(Date.parse(later[1].timestamp));
    expect(left).toEqual([]);
    expect(problems.filter((p) => /Content Security Policy|Refused to/i.test(p))).toEqual([]);
    await context.close();
  });
});
