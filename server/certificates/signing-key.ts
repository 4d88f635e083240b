import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from '../log.js';

export interface SigningKey {
  privateKey: CryptoKey;
  /** The public half as published in the JWKS, with kid, alg and use. */
  publicJwk: JWK;
  kid: string;
}

export const GENERATED_KEY_FILE = 'certificate-signing-key.jwk.json';

/**
 * The issuer's Ed25519 key: from CERTIFICATE_SIGNING_KEY (JWK or PEM text), else from
 * CERTIFICATE_SIGNING_KEY_FILE, else generated once into DATA_DIR and reused on later starts.
 */
export async function loadSigningKey(opts: {
  key?: string;
  file?: string;
  dataDir: string;
  production: boolean;
  log: Logger;
}): Promise<SigningKey> {
  if (opts.key) return fromText(opts.key);
  if (opts.file) return fromText(readFileSync(opts.file, 'utf8'));
  const path = join(opts.dataDir, GENERATED_KEY_FILE);
  if (existsSync(path)) return fromText(readFileSync(path, 'utf8'));
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  mkdirSync(opts.dataDir, { recursive: true });
  writeFileSync(path, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
  (opts.production ? opts.log.warn : opts.log.info).call(
    opts.log,
    { path },
    'generated a certificate signing key; set CERTIFICATE_SIGNING_KEY or CERTIFICATE_SIGNING_KEY_FILE to use a managed key',
  );
  return fromText(readFileSync(path, 'utf8'));
}

async function fromText(text: string): Promise<SigningKey> {
  const trimmed = text.trim();
  // node:crypto turns a PKCS#8 PEM into the same private JWK (d and x) that a JWK setting holds.
  const jwk = (
    trimmed.startsWith('{') ? JSON.parse(trimmed) : createPrivateKey(trimmed).export({ format: 'jwk' })
  ) as JWK;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d || !jwk.x) {
    throw new Error(
      'The certificate signing key must be an Ed25519 private key: a JWK (kty OKP, crv Ed25519, d, x) or a PKCS#8 PEM.',
    );
  }
  const privateKey = (await importJWK({ kty: 'OKP', crv: 'Ed25519', d: jwk.d, x: jwk.x }, 'EdDSA')) as CryptoKey;
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x });
  return { privateKey, kid, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' } };
}
