/**
 * npm run loadtest [-- --quick] : a production-mode Praxis on a temporary data directory, N seeded
 * learners, and three scenarios — a sign-in storm, the lesson page under load, hostile bodies to /xapi —
 * each printed with p50/p99, errors, 503s and /healthz latency during it (docs/operations.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { argon2Hasher } from '../server/accounts/password.js';
import { loadConfig } from '../server/config.js';
import { buildDeps } from '../server/container.js';
import { createLogger } from '../server/log.js';
import { BrowserClient } from './lib/browser-client.js';
import { parseCli } from './lib/cli.js';
import { closedLoop, healthProbe, rssProbe, Tally } from './lib/load-probes.js';
import { startPraxis } from './lib/server-process.js';

const USAGE = `Usage: npm run loadtest [-- --quick] [--learners N] [--storm N] [--connections N] [--seconds S] [--hostile N] [--hostile-mb MB] [--workers N]

Starts Praxis (production mode, rate limits off) on a temporary data directory and measures:
  1. the sign-in storm: --storm learners (default 500) post the sign-in form at the same moment;
  2. the lesson page: --connections signed-in readers (default 50) for --seconds (default 20);
  3. hostile bodies: --hostile (default 16) unauthenticated POSTs of --hostile-mb MB (default 48) to /xapi.
--workers: WEB_CONCURRENCY for the server (default: as npm start, one per core).
--quick: 60 learners, a storm of 60, 10 s, 4 × 8 MB.`;

const { values } = parseCli('loadtest', USAGE, {
  quick: { type: 'boolean', default: false },
  learners: { type: 'string' },
  storm: { type: 'string' },
  connections: { type: 'string' },
  seconds: { type: 'string' },
  hostile: { type: 'string' },
  'hostile-mb': { type: 'string' },
  workers: { type: 'string' },
});
const q = values.quick;
const int = (v: string | undefined, quick: number, full: number) => (v ? Number.parseInt(v, 10) : q ? quick : full);
const storm = int(values.storm, 60, 500);
const learners = Math.max(int(values.learners, 60, 500), storm + 20);
const connections = int(values.connections, 20, 50);
const seconds = int(values.seconds, 10, 20);
const hostile = int(values.hostile, 4, 16);
const hostileMb = int(values['hostile-mb'], 8, 48);
const PASSWORD = 'load test passphrase 2026';
const SLUG = 'line-up-live-up';
const email = (i: number) => `learner-${i}@load.example.org`;

const dir = mkdtempSync(join(tmpdir(), 'praxis-loadtest-'));
const env: Record<string, string> = {
  DATA_DIR: dir,
  SQLITE_FILE: join(dir, 'praxis.db'),
  RATE_LIMIT: 'false',
  ...(values.workers ? { WEB_CONCURRENCY: values.workers } : {}),
};
console.log(
  `Praxis load test: node ${process.version}, ${availableParallelism()} cores; ${learners} learners, storm ${storm}, ` +
    `${connections} readers × ${seconds} s, ${hostile} × ${hostileMb} MB hostile bodies; ` +
    `${values.workers ?? availableParallelism()} server workers`,
);

// Seeding writes the learners straight into the store: one hash shared by all (hashing is what the storm measures).
const seed = await buildDeps(loadConfig(env), createLogger('silent'));
const passwordHash = await argon2Hasher.hash(PASSWORD);
for (let i = 0; i < learners; i++) {
  const user = await seed.store.users.create({
    email: email(i),
    passwordHash,
    displayName: `Learner ${i}`,
    country: 'KE',
    organisation: '',
    sex: 'undisclosed',
    sector: 'police',
    language: 'en',
  });
  await seed.learning.enrol(user, SLUG, 'en');
}
const course = seed.catalogue.get(SLUG);
const lessons = course.modules.flatMap((m) => m.lessons.map((l) => `/courses/${SLUG}/modules/${m.id}/lessons/${l.id}`));
await seed.store.close();

const server = await startPraxis(env, join(dir, 'server.log'));
const { base } = server;
const rows: string[][] = [];
const ms = (n: number) => (Number.isNaN(n) ? '-' : n < 10 ? n.toFixed(1) : String(Math.round(n)));
const report = (scenario: string, what: string, t: Tally, extra = '') => {
  const s = t.summary();
  rows.push([scenario, what, String(s.n), ms(s.p50), ms(s.p99), ms(s.max), t.statusLine(), extra]);
};

/** A learner with the sign-in form open: a session and its CSRF token, ready to post. */
async function signInForm(i: number) {
  const client = new BrowserClient(base);
  const html = await (await client.call('/signin')).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const body = new URLSearchParams({ email: email(i), password: PASSWORD, _csrf: token });
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  const post = () => client.call('/signin', { method: 'POST', body, headers });
  /** The same post, for another thread to send. */
  const spec = (): RequestSpec => ({
    url: `${base}/signin`,
    method: 'POST',
    headers: { ...headers, cookie: client.cookieHeader },
    body: body.toString(),
  });
  return { client, post, spec };
}

interface RequestSpec {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** A body of this many megabytes of spaces after `{"actor":` (made once in the thread). */
  bodyMb?: number;
}

/**
 * Sends all the requests at once from a thread of its own and returns their times and answers. The
 * burst (hundreds of responses to read, or hundreds of megabytes to push) would otherwise hold up this
 * event loop, and the probes here would time the load generator instead of the server.
 */
function sendFromThread(requests: RequestSpec[]): Promise<{ ms: number; status: number | string }[]> {
  const code = `
    const { parentPort, workerData: { requests } } = require('node:worker_threads');
    const big = new Map();
    const bodyOf = (r) => {
      if (!r.bodyMb) return r.body;
      if (!big.has(r.bodyMb)) {
        const b = Buffer.alloc(r.bodyMb * 2 ** 20, 0x20);
        b.write('{"actor":', 0);
        big.set(r.bodyMb, b);
      }
      return big.get(r.bodyMb);
    };
    const one = async (r) => {
      const t0 = performance.now();
      try {
        const res = await fetch(r.url, {
          method: r.method,
          headers: r.headers,
          body: bodyOf(r),
          redirect: 'manual',
          signal: AbortSignal.timeout(120000),
        });
        await res.arrayBuffer();
        return { ms: performance.now() - t0, status: res.status };
      } catch (err) {
        return { ms: performance.now() - t0, status: (err.cause && err.cause.code) || err.name };
      }
    };
    for (const r of requests) bodyOf(r);
    Promise.all(requests.map(one)).then((r) => parentPort.postMessage(r));`;
  const worker = new Worker(code, { eval: true, workerData: { requests } });
  return new Promise((resolve, reject) => {
    worker.once('message', (r: { ms: number; status: number | string }[]) => {
      void worker.terminate();
      resolve(r);
    });
    worker.once('error', reject);
  });
}

async function inBatches<T>(n: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += size)
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, j) => make(i + j)))));
  return out;
}

try {
  // Readers sign in before the storm, one core's worth at a time, waiting out a 503 as a browser user would.
  const readers = await inBatches(20, availableParallelism(), async (i) => {
    for (;;) {
      const form = await signInForm(learners - 1 - i);
      const res = await form.post();
      if (res.status === 303) return form.client;
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
    }
  });
  const readLesson = (i: number) => {
    const reader = readers[i % readers.length] ?? readers[0]!;
    return reader.call(lessons[i % lessons.length] ?? lessons[0]!, { signal: AbortSignal.timeout(30_000) });
  };

  // 1. The sign-in storm.
  process.stderr.write(`storm: opening ${storm} sign-in forms\n`);
  const forms = await inBatches(storm, 25, signInForm);
  const signIns = new Tally();
  let probe = healthProbe(base);
  let lessonsDuring = closedLoop(5, readLesson);
  for (const r of await sendFromThread(forms.map((f) => f.spec()))) signIns.add(r.ms, r.status);
  await lessonsDuring.stop();
  await probe.stop();
  report('sign-in storm', `POST /signin ×${storm} at once`, signIns, `${signIns.count(503)} shed with 503`);
  report('sign-in storm', 'lesson page, 5 readers', lessonsDuring.tally);
  report('sign-in storm', '/healthz', probe.health);
  report('sign-in storm', '/readyz', probe.ready);

  // 2. The lesson page under load.
  process.stderr.write(`lesson page: ${connections} readers for ${seconds} s\n`);
  probe = healthProbe(base);
  const reading = closedLoop(connections, readLesson);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const rps = await reading.stop();
  await probe.stop();
  report('lesson page', `${connections} readers, ${lessons.length} lessons`, reading.tally, `${Math.round(rps)} req/s`);
  report('lesson page', '/healthz', probe.health);

  // 3. Hostile bodies: large unauthenticated POSTs to the LRS.
  process.stderr.write(`hostile bodies: ${hostile} × ${hostileMb} MB\n`);
  const rss = rssProbe(server.child.pid);
  probe = healthProbe(base);
  lessonsDuring = closedLoop(5, readLesson);
  const posts = new Tally();
  const upload: RequestSpec = {
    url: `${base}/xapi/statements`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-experience-api-version': '1.0.3' },
    bodyMb: hostileMb,
  };
  for (const r of await sendFromThread(Array.from({ length: hostile }, () => upload))) posts.add(r.ms, r.status);
  await lessonsDuring.stop();
  await probe.stop();
  report(
    'hostile bodies',
    `POST /xapi ${hostileMb} MB ×${hostile}, no credentials`,
    posts,
    `server RSS max ${rss.stop()} MB`,
  );
  report('hostile bodies', 'lesson page, 5 readers', lessonsDuring.tally);
  report('hostile bodies', '/healthz', probe.health);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

const table = [['scenario', 'measure', 'n', 'p50 ms', 'p99 ms', 'max ms', 'answers', 'note'], ...rows];
const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
for (const [i, r] of table.entries()) {
  console.log(
    r
      .map((c, j) => (j >= 2 && j <= 5 ? c.padStart(widths[j] ?? 0) : c.padEnd(widths[j] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
process.exit(0);
