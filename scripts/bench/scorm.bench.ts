/**
 * SCORM run-time: one commit carrying 4 KB of suspend data and 10 interactions (target p50 <= 10 ms
 * server time), measured in the service on a SQLite file (WAL, like production) and over HTTP on loopback.
 */
import { lessonMap } from '../../server/packages/scorm/scorm-courses.js';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseManifest } from '../../server/packages/scorm/manifest-parser.js';
import type { ScormCourse } from '../../server/packages/scorm/scorm-course.js';
import { createScormRuntime } from '../../server/packages/scorm/scorm-runtime-service.js';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.js';
import { LEDGER_HOOKS } from '../../server/container.js';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { registeredAgent, testApp } from '../../test/support/app.js';
import { scormPackages, scormZip } from '../../test/support/scorm-packages.js';
import type { BenchOptions, BenchRow } from '../bench.js';
import { sample } from './timing.js';

export function benchCourse(slug: string): ScormCourse {
  const parsed = parseManifest(scormPackages.single12().get('imsmanifest.xml') ?? '');
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return {
    slug,
    version: '1',
    title: { en: 'Bench' },
    defaultLanguage: 'en',
    languages: ['en'],
    estimatedMinutes: 5,
    certificate: false,
    manifest: parsed.manifest,
    contentBase: `/content/${slug}/1/`,
    lessons: lessonMap(parsed.manifest),
  };
}

/** The n-th commit of a session: new suspend data each time and one interaction answered anew. */
export function benchCommit(l: { attemptId: string; sessionId: string }, n: number) {
  return {
    attemptId: l.attemptId,
    sessionId: l.sessionId,
    sequence: n,
    terminate: false,
    cmi: {
      lessonStatus: 'incomplete' as const,
      location: `page-${n}`,
      suspendData: `${n}:`.padEnd(4096, 'x').slice(0, 4096),
      interactions: Array.from({ length: 10 }, (_, i) => ({
        id: `q${i}`,
        type: 'choice' as const,
        learnerResponse: i === n % 10 ? `r${n}` : 'a',
        result: 'correct' as const,
        correctResponses: ['a'],
        weighting: 1,
      })),
    },
  };
}

/** The same commit through the whole app (real server, session cookie), and the player page's weight. */
async function overHttp(opts: BenchOptions, runs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-bench-scorm-http-'));
  const t = await testApp({ DATA_DIR: dir }, openSqliteStore(join(dir, 'praxis.db'), LEDGER_HOOKS));
  const slug = (await t.deps.packages.importZip(scormZip(scormPackages.single12()), { by: null, publish: true })).slug;
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { agent, email } = await registeredAgent(t.app);
  const user = await t.deps.store.users.findByEmail(email);
  if (!user) throw new Error('bench user');
  await t.deps.learning.enrol(user, slug, 'en');
  const jar = agent.jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false }).toValueString();
  const post = (path: string, body: unknown) =>
    fetch(base + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', cookie: jar },
      body: JSON.stringify(body),
    });
  const l = (await (await post('/api/scorm/launch', { course: slug, sco: 'ITEM-1' })).json()) as {
    attemptId: string;
    sessionId: string;
  };
  let n = 0;
  for (let i = 0; i < 20; i++) await post('/api/scorm/commit', benchCommit(l, ++n));
  const commit = await sample(runs, async () => {
    const res = await post('/api/scorm/commit', benchCommit(l, ++n));
    if (!res.ok) throw new Error(`commit ${res.status}`);
    await res.arrayBuffer();
  });
  let pageBytes = 0;
  for (const path of [`/courses/${slug}/play`, '/public/css/scorm.css', '/public/js/scorm-player.js']) {
    const res = await fetch(base + path, { headers: { cookie: jar, 'accept-encoding': 'gzip' } });
    pageBytes += gzipSync(Buffer.from(await res.arrayBuffer())).length;
  }
  opts.log(`scorm: ${runs} commits over HTTP`);
  server.close();
  server.closeAllConnections();
  await t.deps.store.close();
  return { commit, pageBytes };
}

export async function bench(opts: BenchOptions): Promise<BenchRow[]> {
  const runs = opts.quick ? 100 : 500;
  const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'praxis-bench-scorm-')), 'praxis.db'), LEDGER_HOOKS);
  const course = benchCourse('bench-scorm');
  const runtime = createScormRuntime({
    store,
    publicUrl: 'https://praxis.example.org',
    courses: async () => course,
    completionHooks: [],
    runtimeBase: '/content/_runtime/',
    wrapInFrame: false,
  });
  const user = await store.users.create({
    email: 'bench@example.org',
    passwordHash: 'x',
    displayName: 'Bench',
    country: 'KE',
    sex: 'female',
    sector: 'police',
    organisation: '',
    language: 'en',
  });
  const registration = randomUUID();
  await store.record({
    entries: [],
    learning: {
      enrolmentId: registration,
      ops: [
        {
          type: 'enrol',
          enrolment: {
            id: registration,
            userId: user.id,
            courseSlug: course.slug,
            courseVersion: '1',
            enrolledAt: new Date(),
          },
        },
      ],
    },
  });
  const l = await runtime.launch(user, course.slug, 'ITEM-1', { language: 'en' });
  opts.log(`scorm: ${runs} commits in one session`);
  let n = 0;
  for (let i = 0; i < 20; i++) await runtime.commit(user, benchCommit(l, ++n), 'en'); // warm-up
  const service = await sample(runs, () => runtime.commit(user, benchCommit(l, ++n), 'en'));
  await store.close();
  const http = await overHttp(opts, runs);
  const row = (name: string, v: number, note?: string): BenchRow => ({
    group: 'scorm',
    name,
    value: Math.round(v * 100) / 100,
    unit: 'ms',
    ...(note ? { note } : {}),
  });
  return [
    row('commit, 4 KB suspend data + 10 interactions: service p50', service.p50, 'target 10 ms'),
    row('commit, 4 KB suspend data + 10 interactions: service p99', service.p99),
    row('commit over HTTP on loopback (session, JSON, zod, store): p50', http.commit.p50, 'target 10 ms'),
    {
      group: 'scorm',
      name: 'player page: HTML + scorm.css + scorm-player.js, gzip',
      value: Math.round(http.pageBytes / 102.4) / 10,
      unit: 'KB',
      note: 'target 30 KB; without content and scorm-again',
    },
  ];
}
