import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type ConsoleMessage,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { buildDeps } from '../../server/container.js';
import type { AppDeps } from '../../server/deps.js';
import { createLogger } from '../../server/log.js';
import type { UserProfile } from '../../server/store/store.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Browser tests run wherever Chromium is installed; in CI its absence is a failure, not a skip. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`CI is set but ${CHROMIUM} is missing: install Debian's chromium`);
  console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A real Praxis on a loopback port and a temp SQLite file. */
export async function startServer(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-e2e-'));
  const log = createLogger('silent');
  const probe = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SQLITE_FILE: join(dir, 'praxis.db'),
    DATA_DIR: dir,
    RATE_LIMIT: 'false',
    ...env,
  });
  const deps = await buildDeps(probe, log);
  const app = createApp(deps);
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deps,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await deps.store.close();
    },
  };
}

export type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * The hooks of a browser test block: Chromium and a real server (started with `env`, then filled by
 * `fill`, e.g. with the demo programme), both closed after the block. Read them inside the tests.
 */
export function browserAndServer(
  opts: { env?: Record<string, string>; fill?: (deps: AppDeps) => Promise<unknown> } = {},
) {
  let browser: Browser | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(opts.env);
    await opts.fill?.(server.deps);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('the browser and the server start in beforeAll: read them in a test');
    return x;
  };
  return {
    get browser() {
      return started(browser);
    },
    get server() {
      return started(server);
    },
  };
}

export interface Credentials {
  email: string;
  password: string;
}

let learners = 0;

/** A new learner (a unique e-mail address) registered through the account service; `profile` overrides the default. */
export async function newLearner(
  deps: AppDeps,
  profile: Partial<UserProfile> = {},
): Promise<Credentials & { id: string }> {
  const who = { email: `e2e-${++learners}-${Date.now()}@example.org`, password: 'a long enough secret' };
  const user = await deps.accounts.register({
    ...who,
    displayName: 'Layla Haddad',
    country: 'JO',
    sex: 'female',
    sector: 'police',
    organisation: '',
    language: 'en',
    ...profile,
  });
  return { ...who, id: user.id };
}

/** Signs in through the form (after choosing `lang`, when given) and waits for the account's home page. */
export async function signIn(page: Page, base: string, who: Credentials, lang?: string): Promise<void> {
  await page.goto(lang ? `${base}/lang/${lang}?next=/signin` : `${base}/signin`);
  await page.fill('#email', who.email);
  await page.fill('#password', who.password);
  await Promise.all([page.waitForURL(`${base}/my`), page.click('main button[type=submit]')]);
}

/** A page in a new browser context (`context`: viewport, locale…), signed in as `who`. */
export async function signedInPage(
  browser: Browser,
  base: string,
  who: Credentials,
  opts: { lang?: string; context?: BrowserContextOptions } = {},
): Promise<Page> {
  const page = await (await browser.newContext(opts.context)).newPage();
  await signIn(page, base, who, opts.lang);
  return page;
}

/** Enrols the signed-in learner from the course page (English) and waits for the page that confirms it. */
export async function enrolIn(page: Page, base: string, slug: string): Promise<void> {
  await page.goto(`${base}/courses/${slug}`);
  await Promise.all([
    page.waitForURL(/enrolled=1/),
    page.getByRole('button', { name: 'Enrol in this course' }).click(),
  ]);
}

/**
 * A new learner (`profile`) in a new browser context (`context`), signed in and enrolled in `slug`, on
 * the course page. `problems` collects the page's script errors and its console errors but those `ignore` passes over.
 */
export async function enrolledLearnerPage(
  running: { browser: Browser; server: Server },
  opts: {
    slug: string;
    profile?: Partial<UserProfile>;
    context?: BrowserContextOptions;
    ignore?: (m: ConsoleMessage) => boolean;
  },
): Promise<{ context: BrowserContext; page: Page; userId: string; problems: string[] }> {
  const { browser, server } = running;
  const context = await browser.newContext(opts.context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !opts.ignore?.(m)) problems.push(`${m.text()} ${m.location().url}`);
  });
  const who = await newLearner(server.deps, opts.profile);
  await signIn(page, server.url, who);
  await enrolIn(page, server.url, opts.slug);
  return { context, page, userId: who.id, problems };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page; returns the serious and critical violations (WCAG 2.1 A/AA rules). */
export async function seriousA11yViolations(page: Page) {
  // Evaluated through the DevTools protocol, so the page's strict CSP (no inline script) stays in force.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
