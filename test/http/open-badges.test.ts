import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { registeredAgent, signedInWithRoles, testApp, type TestApp } from '../support/app.js';
import { issueCertificate } from '../support/certificates.js';
import { extractCredential, readChunks } from '../../server/certificates/png-chunks.js';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function learnerWithCertificate(t: TestApp) {
  const { agent, email } = await registeredAgent(t.app, {
    displayName: 'Nadia Haddad',
    email: `nadia-${crypto.randomUUID()}@example.org`,
  });
  const user = (await t.deps.store.users.findByEmail(email))!;
  const cert = await issueCertificate(t.deps.store, user, undefined, t.deps.config.PUBLIC_URL);
  return { agent, user, cert };
}

const jwsOf = (json: { id: string }) => json.id.replace('data:application/vc+jwt,', '');
const verdict = (html: string) => /<section class="verdict[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

describe('Open Badges 3.0 credentials', () => {
  it('issues an OpenBadgeCredential that verifies with the published key', async () => {
    const t = await testApp();
    const { agent, user, cert } = await learnerWithCertificate(t);

    const json = (await agent.get(`/my/certificates/${cert.id}/credential.json`)).body as { id: string; type: string };
    const jwks = (await request(t.app).get('/.well-known/jwks.json')).body;
    const issuer = (await request(t.app).get('/issuer')).text;
    const { payload, protectedHeader } = await compactVerify(jwsOf(json), createLocalJWKSet(jwks));
    const vc = JSON.parse(new TextDecoder().decode(payload));

    expect(json.type).toBe('EnvelopedVerifiableCredential');
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt', kid: jwks.keys[0].kid });
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(jwks.keys[0].d).toBeUndefined();
    expect(JSON.parse(issuer)).toMatchObject({
      id: 'http://localhost:3000/issuer',
      type: ['Profile'],
      publicKey: { jwks: 'http://localhost:3000/.well-known/jwks.json' },
    });
    expect(vc['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(vc).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'http://localhost:3000/issuer', name: 'Praxis eLearning Programme' },
      validFrom: cert.issuedAt.toISOString(),
      credentialSubject: {
        identifier: [
          {
            type: 'IdentityObject',
            identityType: 'emailAddress',
            hashed: true,
            identityHash: cert.identityHash,
            salt: cert.identitySalt,
          },
        ],
        achievement: {
          type: ['Achievement'],
          name: 'Alternatives to imprisonment',
          criteria: { narrative: expect.any(String) },
          image: { id: 'http://localhost:3000/badges/certificate.png' },
        },
      },
    });
    expect(JSON.stringify(vc)).not.toContain(user.email);
  });

  it('fails verification after any byte of the payload is changed', async () => {
    const t = await testApp();
    const { agent, cert } = await learnerWithCertificate(t);
    const jws = jwsOf((await agent.get(`/my/certificates/${cert.id}/credential.json`)).body);
    const keys = createLocalJWKSet((await request(t.app).get('/.well-known/jwks.json')).body);
    const [header, payload, signature] = jws.split('.');
    const bytes = Buffer.from(payload, 'base64url');

    let accepted = 0;
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] ^= 0x01;
      await compactVerify(`${header}.${changed.toString('base64url')}.${signature}`, keys).then(
        () => accepted++,
        () => {},
      );
    }

    expect(bytes.length).toBeGreaterThan(500);
    expect(accepted).toBe(0);
  });

  it('bakes the credential into a PNG that still displays and verifies on /verify', async () => {
    const t = await testApp();
    const { agent, cert } = await learnerWithCertificate(t);

    const res = await agent.get(`/my/certificates/${cert.id}/badge.png`).buffer(true).parse(binary);
    const png = res.body as Buffer;
    const upload = await agent
      .post('/verify/credential')
      .field('_csrf', /name="_csrf" value="([^"]+)"/.exec((await agent.get('/verify')).text)![1])
      .attach('credentialFile', png, { filename: 'badge.png', contentType: 'image/png' });

    expect(res.headers['content-type']).toBe('image/png');
    expect(readChunks(png).every((c) => c.crcOk)).toBe(true);
    expect(decodeProtectedHeader(extractCredential(png)!).alg).toBe('EdDSA');
    expect(upload.status).toBe(200);
    expect(verdict(upload.text)).toContain('Valid certificate');
    expect(verdict(upload.text)).toContain('Nadia Haddad');
  });

  it('verifies a pasted credential, and rejects a tampered one and a revoked one', async () => {
    const t = await testApp();
    const { agent, cert } = await learnerWithCertificate(t);
    const json = (await agent.get(`/my/certificates/${cert.id}/credential.json`)).body;
    const jws = jwsOf(json);
    const [h, p, s] = jws.split('.');
    const tampered = `${h}.${Buffer.from(Buffer.from(p, 'base64url').toString().replace('Alternatives', 'Alternativez')).toString('base64url')}.${s}`;
    const paste = async (credential: string) => {
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/verify')).text)![1];
      return verdict((await agent.post('/verify/credential').type('form').send({ _csrf: csrf, credential })).text);
    };

    const asJws = await paste(jws);
    const asJson = await paste(JSON.stringify(json));
    const forged = await paste(tampered);
    const nonsense = await paste('hello');
    const { user: admin } = await signedInWithRoles(t, ['learner', 'admin']);
    await t.deps.certificates.revoke(admin, cert.id, 'Cheating');
    const revoked = await paste(jws);

    expect(asJws).toContain('Valid certificate');
    expect(asJson).toContain('Valid certificate');
    expect(forged).toContain('The signature does not match our published key');
    expect(nonsense).toContain('No credential was found');
    expect(revoked).toContain('This certificate has been revoked');
    expect(revoked).toContain('Cheating');
  });

  it('rejects a credential signed with another key', async () => {
    const t = await testApp();
    const other = await testApp();
    const { agent, cert } = await learnerWithCertificate(other);
    const jws = jwsOf((await agent.get(`/my/certificates/${cert.id}/credential.json`)).body);

    const result = await t.deps.badges.verifyCredential(jws, 'en');

    expect(result).toEqual({ status: 'invalid', reason: 'signature' });
  });
});
