import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_KEY_FILE, loadSigningKey } from '../../../server/certificates/signing-key.js';
import { createLogger } from '../../../server/log.js';

const log = createLogger('silent');
const dir = () => mkdtempSync(join(tmpdir(), 'praxis-key-'));

describe('certificate signing key', () => {
  it('generates a key into the data directory on first start and reuses it afterwards', async () => {
    const dataDir = dir();

    const first = await loadSigningKey({ dataDir, production: false, log });
    const second = await loadSigningKey({ dataDir, production: false, log });

    expect(existsSync(join(dataDir, GENERATED_KEY_FILE))).toBe(true);
    expect(statSync(join(dataDir, GENERATED_KEY_FILE)).mode & 0o077).toBe(0);
    expect(second.kid).toBe(first.kid);
    expect(first.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: first.kid });
    expect((first.publicJwk as { d?: string }).d).toBeUndefined();
  });

  it('reads a PKCS#8 PEM or a JWK from the setting, and a file from the file setting', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const jwk = JSON.stringify(privateKey.export({ format: 'jwk' }));
    const file = join(dir(), 'key.pem');
    writeFileSync(file, pem);

    const fromPem = await loadSigningKey({ key: pem, dataDir: dir(), production: true, log });
    const fromJwk = await loadSigningKey({ key: jwk, dataDir: dir(), production: true, log });
    const fromFile = await loadSigningKey({ file, dataDir: dir(), production: true, log });

    expect(fromJwk.kid).toBe(fromPem.kid);
    expect(fromFile.kid).toBe(fromPem.kid);
  });

  it('refuses a key that is not Ed25519', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

    await expect(loadSigningKey({ key: pem, dataDir: dir(), production: false, log })).rejects.toThrow('Ed25519');
  });
});
