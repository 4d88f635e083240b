import { CompactSign, compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import type { CertificateRecord } from '../store/store.js';
import type { SigningKey } from './signing-key.js';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

export interface IssuerInfo {
  publicUrl: string;
  programme: string;
}
export interface AchievementText {
  name: string;
  description: string;
  criteria: string;
}

export const issuerId = (publicUrl: string) => `${publicUrl}/issuer`;
export const jwksUrl = (publicUrl: string) => `${publicUrl}/.well-known/jwks.json`;
export const credentialId = (publicUrl: string, certificateId: string) => `${publicUrl}/credentials/${certificateId}`;

/** The issuer Profile published at /issuer: the programme, with the key that verifies its credentials. */
export function issuerProfile(issuer: IssuerInfo, key: SigningKey) {
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: issuerId(issuer.publicUrl),
    type: ['Profile'],
    name: issuer.programme,
    url: issuer.publicUrl,
    // Resolvers find the public key here (a JWKS document) and in the JWS header's kid.
    publicKey: {
      id: `${jwksUrl(issuer.publicUrl)}#${key.kid}`,
      jwks: jwksUrl(issuer.publicUrl),
      publicKeyJwk: key.publicJwk,
    },
  };
}

/** An OpenBadgeCredential (VC 2.0 with the Open Badges 3.0 context) for one certificate. */
export function openBadgeCredential(cert: CertificateRecord, issuer: IssuerInfo, text: AchievementText) {
  const { publicUrl } = issuer;
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: credentialId(publicUrl, cert.id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: text.name,
    issuer: { id: issuerId(publicUrl), type: ['Profile'], name: issuer.programme, url: publicUrl },
    validFrom: cert.issuedAt.toISOString(),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: cert.identityHash,
          identityType: 'emailAddress',
          hashed: true,
          salt: cert.identitySalt,
        },
      ],
      activityEndDate: cert.completedAt.toISOString(),
      achievement: {
        id: `${publicUrl}/courses/${cert.courseSlug}`,
        type: ['Achievement'],
        achievementType: 'CertificateOfCompletion',
        name: text.name,
        description: text.description,
        criteria: { narrative: text.criteria },
        image: { id: `${publicUrl}/badges/certificate.png`, type: 'Image' },
        creator: { id: issuerId(publicUrl), type: ['Profile'], name: issuer.programme },
      },
    },
  };
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;

/**
 * VC-JWT (VC-JOSE-COSE): the credential is the JWS payload, signed with EdDSA (Ed25519). The kid
 * names the key in our JWKS.
 */
export async function signCredential(credential: OpenBadgeCredential, key: SigningKey): Promise<string> {
  const payload = new TextEncoder().encode(
    JSON.stringify({
      ...credential,
      iss: credential.issuer.id,
      jti: credential.id,
      nbf: Math.floor(Date.parse(credential.validFrom) / 1000),
    }),
  );
  return new CompactSign(payload)
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: key.kid })
    .sign(key.privateKey);
}

/** The credential inside a JWS whose signature our published key verifies; throws otherwise. */
export async function verifyCredentialJws(jws: string, jwks: JSONWebKeySet): Promise<Record<string, unknown>> {
  const { payload } = await compactVerify(jws.trim(), createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
  const parsed: unknown = JSON.parse(new TextDecoder().decode(payload));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('payload is not a credential');
  return parsed as Record<string, unknown>;
}
