/**
 * Making a course available offline on a slow phone line: a real Chromium, the network emulated by
 * the DevTools protocol (Network.emulateNetworkConditions), the bytes that crossed the wire and the
 * time from the click to "available offline", for each course in English.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BenchOptions, BenchRow } from '../bench.js';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { buildDeps } from '../../server/container.js';
import { createLogger } from '../../server/log.js';

const CHROMIUM = '/usr/bin/chromium';
/** Chrome DevTools' "Slow 3G" profile: 400 ms round trip, 400 kbit/s each way. */
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

export async function bench(opts: BenchOptions): Promise<BenchRow[]> {
  if (!existsSync(CHROMIUM)) {
    opts.log(`offline bench skipped: ${CHROMIUM} not found`);
    return [];
  }
  const dir = mkdtempSync(join(tmpdir(), 'praxis-bench-offline-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: 'o'.repeat(40),
    LOG_LEVEL: 'silent',
    SQLITE_FILE: join(dir, 'p.db'),
    DATA_DIR: dir,
    RATE_LIMIT: 'false',
  });
  const deps = await buildDeps(config, createLogger('silent'));
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  const rows: BenchRow[] = [];
  try {
    const who = { email: 'offline-bench@example.org', password: 'slow phone passphrase 2026' };
    await deps.accounts.register({
      ...who,
      displayName: 'Bench',
      country: 'KG',
      sex: 'female',
      sector: 'police',
      organisation: '',
      language: 'en',
    });
    const slugs = deps.catalogue.list('en').map((c) => c.slug);
    for (const slug of opts.quick ? slugs.slice(0, 1) : slugs) {
      const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${base}/signin`);
      await page.fill('#email', who.email);
      await page.fill('#password', who.password);
      await Promise.all([page.waitForURL(`${base}/my`), page.click('main button[type=submit]')]);
      await page.goto(`${base}/courses/${slug}`);
      if (await page.getByRole('button', { name: 'Enrol in this course' }).count()) {
        await Promise.all([
          page.waitForLoadState('load'),
          page.getByRole('button', { name: 'Enrol in this course' }).click(),
        ]);
      }
      await page.locator('#offline-panel .offline-save').waitFor({ state: 'visible' });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      let bytes = 0;
      cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
        bytes += e.encodedDataLength;
      });
      const started = performance.now();
      await page.locator('#offline-panel .offline-save').click();
      await page.locator('#offline-panel.is-saved').waitFor({ timeout: 300_000 });
      const seconds = (performance.now() - started) / 1000;
      const planned = await page.evaluate(
        async (s) => (await (await fetch(`/courses/${s}/offline.json`)).json()).bytes as number,
        slug,
      );
      rows.push(
        {
          group: 'offline',
          name: `${slug}: bytes over the wire`,
          value: Math.round(bytes / 1024),
          unit: 'KB',
          note: `announced ${Math.round(planned / 1024)} KB uncompressed`,
        },
        {
          group: 'offline',
          name: `${slug}: time on slow 3G`,
          value: Math.round(seconds * 10) / 10,
          unit: 's',
          note: '400 ms RTT, 400 kbit/s',
        },
      );
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
    await deps.store.close();
  }
  return rows;
}
