import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { testApp, type TestApp } from '../support/app.js';
import { aProgressed, learnerOnLesson } from '../support/tracker.js';
import { aStatement, headersOf, lrsAuth, V } from '../support/xapi.js';

const MB = 1024 * 1024;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(t: TestApp): Promise<number> {
  const server = t.app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return (server.address() as AddressInfo).port;
}

/**
 * Announces a `declared`-byte body (Content-Length, or chunked when null) but sends only its first
 * `sent` bytes, then waits for the answer: a server that reads before it refuses would never answer.
 */
function partialPost(
  port: number,
  headers: Record<string, string>,
  declared: number | null,
  sent: number,
): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/xapi/statements',
        headers: {
          'Content-Type': 'application/json',
          ...V,
          ...headers,
          ...(declared === null ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(declared) }),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection });
          req.destroy();
        });
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') reject(err);
    });
    req.setTimeout(10_000, () => reject(new Error('no answer while the body was still unsent')));
    req.write(Buffer.alloc(sent, 0x20));
  });
}

describe('LRS request bodies', () => {
  it('answers 401 to a huge body without credentials, or with wrong ones, before reading it', async () => {
    const t = await testApp();
    const port = await listen(t);
    const client = await lrsAuth(t);
    const wrong = `Basic ${Buffer.from(`${client.key}:not-the-secret`).toString('base64')}`;
    const bytesBefore = process.memoryUsage().arrayBuffers;

    const answers = await Promise.all([
      partialPost(port, {}, 48 * MB, 64 * 1024),
      partialPost(port, { Authorization: wrong }, 48 * MB, 64 * 1024),
      partialPost(port, { Authorization: 'Bearer forged.token' }, null, 64 * 1024),
    ]);

    // Only 64 KB of each 48 MB body was ever sent, so the answer came without the body being read.
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401]);
    expect(answers.map((a) => a.connection)).toEqual(['close', 'close', 'close']);
    expect(JSON.parse(answers[0]!.body)).toMatchObject({ title: 'lrs_unauthorized' });
    expect(process.memoryUsage().arrayBuffers - bytesBefore).toBeLessThan(16 * MB);
  });

  it("refuses a body over the learner token's limit with 413 from its Content-Length, and a chunked one once it passes the limit", async () => {
    const { t, bearer } = await learnerOnLesson();
    const port = await listen(t);
    const limit = t.deps.config.XAPI_LEARNER_BODY_KB * 1024;

    const declared = await partialPost(port, { Authorization: bearer.Authorization }, limit + 1, 1024);
    const chunked = await partialPost(port, { Authorization: bearer.Authorization }, null, limit + 64 * 1024);

    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({
      title: 'payload_too_large',
      detail: expect.stringContaining('512 KB'),
    });
    expect(chunked.status).toBe(413);
  });

  it("keeps an LRS client's body limit apart from a learner's, and lets an administrator set each client's own", async () => {
    const t = await testApp({ XAPI_CLIENT_BODY_MB: '2', XAPI_CLIENT_STATEMENT_KB: '4096' });
    const tool = await lrsAuth(t);
    const padding = 'x'.repeat(1.5 * MB);
    const big = aStatement({ result: { extensions: { 'https://example.org/notes': padding } } });

    const withinDefault = await request(t.app).post('/xapi/statements').set(headersOf(tool)).send(big);
    await t.deps.xapi.clients.setLimits(tool.key, { bodyBytes: MB });
    const overOwn = await request(t.app)
      .post('/xapi/statements')
      .set(headersOf(tool))
      .send(aStatement({ result: { extensions: { 'https://example.org/notes': padding } } }));

    expect(withinDefault.status).toBe(200);
    expect(overOwn.status).toBe(413);
  });
});

describe('learner token limits', () => {
  it('refuses a statement over the size limit and a batch over the batch limit with 413, storing nothing', async () => {
    const { t, data, bearer } = await learnerOnLesson();
    const before = await t.deps.store.statements.count();
    const fat = aProgressed(data, {
      result: { extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/progress': 'x'.repeat(20_000) } },
    });
    const many = Array.from({ length: t.deps.config.XAPI_LEARNER_BATCH + 1 }, () => aProgressed(data));

    const tooBig = await request(t.app).post('/xapi/statements').set(bearer).send(fat);
    const tooMany = await request(t.app).post('/xapi/statements').set(bearer).send(many);
    const fine = await request(t.app)
      .post('/xapi/statements')
      .set(bearer)
      .send([aProgressed(data)]);

    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ title: 'statement_too_large', detail: expect.stringContaining('16384') });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toMatchObject({ title: 'batch_too_large' });
    expect(fine.status).toBe(200);
    expect(await t.deps.store.statements.count()).toBe(before + 1);
  });

  it("limits a learner's requests per minute with 429 and Retry-After, whichever of their tokens they use", async () => {
    const { t, data, bearer, user, enrolment } = await learnerOnLesson();
    const limited = createApp({
      ...t.deps,
      config: { ...t.deps.config, RATE_LIMIT: true, XAPI_LEARNER_PER_MINUTE: 3 },
    });
    const other = t.deps.xapi.learnerTokens.issue({
      userId: user.id,
      registration: enrolment.id,
      courseSlug: 'fixture-course',
    });
    const send = (auth: string) =>
      request(limited)
        .post('/xapi/statements')
        .set({ ...V, Authorization: auth })
        .send(aProgressed(data));

    const statuses: number[] = [];
    for (const auth of [bearer.Authorization, bearer.Authorization, `Bearer ${other.token}`])
      statuses.push((await send(auth)).status);
    const refused = await send(`Bearer ${other.token}`);

    expect(statuses).toEqual([200, 200, 200]);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ title: 'lrs_rate_limited' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it("applies an LRS client's own rate limit", async () => {
    const t = await testApp({ RATE_LIMIT: 'true' });
    const tool = await lrsAuth(t);
    await t.deps.xapi.clients.setLimits(tool.key, { requestsPerMinute: 2 });
    const get = () => request(t.app).get('/xapi/statements').set(headersOf(tool));

    const statuses = [(await get()).status, (await get()).status, (await get()).status];

    expect(statuses).toEqual([200, 200, 429]);
  });
});
