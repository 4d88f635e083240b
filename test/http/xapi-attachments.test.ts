import { createHash, generateKeyPairSync } from 'node:crypto';
import { CompactSign } from 'jose';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.js';
import { aStatement, headersOf, lrsAuth } from '../support/xapi.js';

const BOUNDARY = 'praxis-test-boundary';
const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';

function multipart(statement: unknown, parts: { contentType: string; content: Buffer; sha2?: string }[]) {
  const chunks: Buffer[] = [
    Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statement)}\r\n`),
  ];
  for (const p of parts) {
    const sha2 = p.sha2 ?? createHash('sha256').update(p.content).digest('hex');
    chunks.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Type: ${p.contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`,
      ),
      p.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--`));
  return Buffer.concat(chunks);
}

const attachmentOf = (content: Buffer, over: Record<string, unknown> = {}) => ({
  usageType: 'http://example.org/usage/certificate',
  display: { en: 'Certificate' },
  contentType: 'application/pdf',
  length: content.length,
  sha2: createHash('sha256').update(content).digest('hex'),
  ...over,
});

async function sign(statement: object, alg = 'RS256') {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return new CompactSign(Buffer.from(JSON.stringify(statement))).setProtectedHeader({ alg }).sign(privateKey);
}

describe('/xapi attachments and signed statements', () => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeEach(async () => {
    t = await testApp();
    h = headersOf(await lrsAuth(t));
  });

  const post = (body: Buffer) =>
    request(t.app)
      .post('/xapi/statements')
      .set(h)
      .set('Content-Type', `multipart/mixed; boundary=${BOUNDARY}`)
      .send(body);

  it('stores raw attachments and returns them as multipart/mixed with attachments=true', async () => {
    const pdf = Buffer.from('%PDF-1.7 binary \u0000\u00ff', 'latin1');
    const s = aStatement({ attachments: [attachmentOf(pdf)] });

    const res = await post(multipart(s, [{ contentType: 'application/pdf', content: pdf }]));
    const plain = await request(t.app).get(`/xapi/statements?statementId=${res.body[0]}`).set(h);
    const withData = await request(t.app)
      .get(`/xapi/statements?statementId=${res.body[0]}&attachments=true`)
      .set(h)
      .buffer(true)
      .parse((r, cb) => {
        const c: Buffer[] = [];
        r.on('data', (d: Buffer) => c.push(d));
        r.on('end', () => cb(null, Buffer.concat(c)));
      });

    expect(res.status).toBe(200);
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    expect(withData.headers['content-type']).toMatch(/^multipart\/mixed; boundary=/);
    expect((withData.body as Buffer).includes(pdf)).toBe(true);
    expect((withData.body as Buffer).toString('latin1')).toContain(`X-Experience-API-Hash: ${attachmentOf(pdf).sha2}`);
  });

  it("serves a read/mine client only content it sent itself: declaring another client's hash with a fileUrl reveals nothing", async () => {
    const secret = Buffer.from("%PDF-1.7 the other client's certificate \u0000", 'latin1');
    const scopes = ['statements/write', 'statements/read/mine'];
    const owner = headersOf(await lrsAuth(t, scopes, 'Owner'));
    const thief = headersOf(await lrsAuth(t, scopes, 'Thief'));
    const asBytes = (r: request.Test) =>
      r.buffer(true).parse((res, cb) => {
        const c: Buffer[] = [];
        res.on('data', (d: Buffer) => c.push(d));
        res.on('end', () => cb(null, Buffer.concat(c)));
      });

    const stored = await request(t.app)
      .post('/xapi/statements')
      .set(owner)
      .set('Content-Type', `multipart/mixed; boundary=${BOUNDARY}`)
      .send(
        multipart(aStatement({ attachments: [attachmentOf(secret)] }), [
          { contentType: 'application/pdf', content: secret },
        ]),
      );
    const claim = await request(t.app)
      .post('/xapi/statements')
      .set(thief)
      .send(aStatement({ attachments: [attachmentOf(secret, { fileUrl: 'https://thief.example.org/x.pdf' })] }));
    const thiefPage = await asBytes(request(t.app).get('/xapi/statements?attachments=true').set(thief));
    const thiefOne = await asBytes(
      request(t.app).get(`/xapi/statements?statementId=${claim.body[0]}&attachments=true`).set(thief),
    );
    const ownerPage = await asBytes(request(t.app).get('/xapi/statements?attachments=true').set(owner));
    const everyone = await asBytes(request(t.app).get('/xapi/statements?attachments=true').set(h));

    expect([stored.status, claim.status, thiefPage.status, thiefOne.status]).toEqual([200, 200, 200, 200]);
    expect((thiefPage.body as Buffer).toString('latin1')).toContain(claim.body[0]);
    expect((thiefPage.body as Buffer).includes(secret)).toBe(false);
    expect((thiefOne.body as Buffer).includes(secret)).toBe(false);
    expect((ownerPage.body as Buffer).includes(secret)).toBe(true);
    expect((everyone.body as Buffer).includes(secret)).toBe(true);
  });

  it('refuses a statement whose attachment content is missing or does not match its hash', async () => {
    const pdf = Buffer.from('real');
    const s = aStatement({ attachments: [attachmentOf(pdf)] });

    expect((await request(t.app).post('/xapi/statements').set(h).send(s)).status).toBe(400);
    expect(
      (
        await post(
          multipart(s, [
            { contentType: 'application/pdf', content: Buffer.from('fake'), sha2: attachmentOf(pdf).sha2 },
          ]),
        )
      ).status,
    ).toBe(400);
  });

  it('accepts a statement signed with RS256 whose payload is the statement', async () => {
    const s = aStatement({ id: crypto.randomUUID() });
    const jws = Buffer.from(await sign(s));

    const res = await post(
      multipart(
        { ...s, attachments: [attachmentOf(jws, { usageType: SIGNATURE, contentType: 'application/octet-stream' })] },
        [{ contentType: 'application/octet-stream', content: jws }],
      ),
    );

    expect(res.status).toBe(200);
  });

  it('refuses a signature over another statement, or with an HMAC algorithm (XAPI-00116, XAPI-00117)', async () => {
    const s = aStatement({ id: crypto.randomUUID() });
    const other = Buffer.from(await sign({ ...s, verb: { id: 'http://example.org/forged' } }));
    const hmac = Buffer.from(
      await new CompactSign(Buffer.from(JSON.stringify(s)))
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new Uint8Array(32)),
    );

    for (const jws of [other, hmac]) {
      const res = await post(
        multipart(
          { ...s, attachments: [attachmentOf(jws, { usageType: SIGNATURE, contentType: 'application/octet-stream' })] },
          [{ contentType: 'application/octet-stream', content: jws }],
        ),
      );
      expect(res.status).toBe(400);
    }
  });
});
