/**
 * Lesson pages on a slow phone: compressed bytes of HTML + CSS, and server time, for an English
 * and an Arabic Line Up Live Up lesson, served by a production-mode app over real HTTP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchOptions, BenchRow } from '../bench.js';
import { PROJECT_ROOT } from '../../server/container.js';
import { startBenchApp } from '../lib/bench-app.js';
import { LESSON_PATH, registeredLearner } from '../lib/browser-client.js';
import { sample } from './timing.js';

export async function bench(opts: BenchOptions): Promise<BenchRow[]> {
  const app = await startBenchApp('lessons');
  const client = await registeredLearner(app.base, 'bench@example.org', 'slow phone passphrase 2026');

  const css = readFileSync(join(PROJECT_ROOT, 'public/css/site.css'));
  const rows: BenchRow[] = [];
  for (const lang of ['en', 'ar']) {
    await client.call(`/lang/${lang}?next=/`);
    const html = Buffer.from(await (await client.call(LESSON_PATH)).arrayBuffer());
    const gz = gzipSync(html, { level: 6 }).length + gzipSync(css, { level: 6 }).length;
    const t = await sample(opts.quick ? 50 : 300, async () => {
      await (await client.call(LESSON_PATH, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
    });
    rows.push(
      {
        group: 'lesson page',
        name: `${lang}: HTML + CSS, gzip`,
        value: Math.round(gz / 102.4) / 10,
        unit: 'KB',
        note: 'target 30 KB',
      },
      {
        group: 'lesson page',
        name: `${lang}: server time p50`,
        value: t.p50,
        unit: 'ms',
        note: 'incl. writing the experienced statement',
      },
      { group: 'lesson page', name: `${lang}: server time p99`, value: t.p99, unit: 'ms' },
    );
  }
  // The tracker's scripts, as served (compressed); cached for 7 days after the first lesson.
  let scripts = 0;
  for (const src of ['/public/vendor/xapi.umd.js', '/public/js/tracker.js']) {
    scripts += gzipSync(Buffer.from(await (await client.call(src)).arrayBuffer()), { level: 6 }).length;
  }
  rows.push({
    group: 'lesson page',
    name: 'tracker scripts (@xapi/xapi bundle + tracker.js), gzip',
    value: Math.round(scripts / 102.4) / 10,
    unit: 'KB',
    note: 'first lesson only, then cached',
  });
  await app.close();
  return rows;
}
