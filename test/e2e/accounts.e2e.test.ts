import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchBrowser, seriousA11yViolations, startServer } from '../support/browser.js';

describe.runIf(browserAvailable())('accounts in a real browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers, signs out, signs in and sees the home page in English and Arabic, without serious accessibility violations', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const email = `e2e-${Date.now()}@example.org`;

    await page.goto(`${server.url}/register`);
    const registerViolations = await seriousA11yViolations(page);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('New password').fill('correct horse battery');
    await page.getByLabel('Repeat the password').fill('correct horse battery');
    await page.getByLabel('Name').fill('Layla Haddad');
    await page.getByLabel('Country where you work').selectOption('LB');
    await page.getByLabel('Female').check();
    await page.getByLabel('Sector').selectOption('education-sport');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto(`${server.url}/`);
    const englishHeading = await page.locator('h1').textContent();
    const englishViolations = await seriousA11yViolations(page);
    await page.locator('.languages a[hreflang="ar"]').click();
    await page.waitForURL(`${server.url}/`);
    const html = page.locator('html');
    const arabicViolations = await seriousA11yViolations(page);

    expect(registerViolations).toEqual([]);
    expect(englishHeading).toBe('Learning for justice and crime prevention');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0); // Arabic label now
    expect(await html.getAttribute('lang')).toBe('ar');
    expect(await html.getAttribute('dir')).toBe('rtl');
    expect(await page.locator('h1').textContent()).not.toBe(englishHeading);
    expect(englishViolations).toEqual([]);
    expect(arabicViolations).toEqual([]);
    await context.close();
  });

  it('works without JavaScript: registering is a plain form post', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();

    await page.goto(`${server.url}/register`);
    await page.getByLabel('E-mail address').fill(`nojs-${Date.now()}@example.org`);
    await page.getByLabel('New password').fill('correct horse battery');
    await page.getByLabel('Repeat the password').fill('correct horse battery');
    await page.getByLabel('Name').fill('Ivan Petrov');
    await page.getByLabel('Country where you work').selectOption('KG');
    await page.getByLabel('Male', { exact: true }).check();
    await page.getByLabel('Sector').selectOption('police');
    await page.getByRole('button', { name: 'Create my account' }).click();

    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await context.close();
  });
});
