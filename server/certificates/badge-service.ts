import type { CertificateRecord, Store, UserRecord } from '../store/store.js';
import { badgeImage } from './badge-image.js';
import { verificationOf, type Verification } from './certificate-service.js';
import { certificateLanguage, courseTitleIn, type Translate } from './certificate-text.js';
import {
  credentialId,
  issuerId,
  issuerProfile,
  openBadgeCredential,
  signCredential,
  verifyCredentialJws,
} from './open-badge.js';
import { bakeCredential, extractCredential, PNG_SIGNATURE } from './png-chunks.js';
import type { SigningKey } from './signing-key.js';

export interface BadgeServiceDeps {
  store: Store;
  publicUrl: string;
  programme: string;
  key: SigningKey;
  translate: Translate;
  /** The learner's own certificate, refused when revoked (from the certificate service). */
  requireValidOwn: (user: UserRecord, id: string) => Promise<CertificateRecord>;
}

/** Why a submitted credential is not accepted, or the certificate it stands for. */
export type CredentialCheck = { status: 'invalid'; reason: 'unreadable' | 'signature' | 'issuer' } | Verification;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ENVELOPE_PREFIX = 'data:application/vc+jwt,';

export function createBadgeService(deps: BadgeServiceDeps) {
  const issuer = { publicUrl: deps.publicUrl, programme: deps.programme };
  const jwks = { keys: [deps.key.publicJwk] };

  const signedFor = async (user: UserRecord, id: string, lang: string | undefined) => {
    const cert = await deps.requireValidOwn(user, id);
    const l = certificateLanguage(cert, lang);
    const name = courseTitleIn(cert, l);
    const credential = openBadgeCredential(cert, issuer, {
      name,
      description: deps.translate(l, 'certificates:badge.description', { course: name, programme: deps.programme }),
      criteria: deps.translate(l, 'certificates:badge.criteria'),
    });
    return { cert, credential, jws: await signCredential(credential, deps.key) };
  };

  return {
    jwks: () => jwks,
    issuerProfile: () => issuerProfile(issuer, deps.key),
    image: () => badgeImage(),

    /** VC 2.0 EnvelopedVerifiableCredential: the signed VC-JWT carried in JSON. */
    async credentialJson(user: UserRecord, id: string, lang?: string) {
      const { cert, jws } = await signedFor(user, id, lang);
      return {
        cert,
        json: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          id: `${ENVELOPE_PREFIX}${jws}`,
          type: 'EnvelopedVerifiableCredential',
        },
      };
    },

    async bakedBadge(user: UserRecord, id: string, lang?: string) {
      const { cert, jws } = await signedFor(user, id, lang);
      return { cert, png: bakeCredential(badgeImage(), jws) };
    },

    signedFor,

    /** A pasted VC-JWT or enveloped JSON, or an uploaded baked PNG: signature, issuer, then our revocation record. */
    async verifyCredential(input: string | Buffer, lang: string): Promise<CredentialCheck> {
      const jws = jwsFrom(input);
      if (!jws) return { status: 'invalid', reason: 'unreadable' };
      let payload: Record<string, unknown>;
      try {
        payload = await verifyCredentialJws(jws, jwks);
      } catch {
        return { status: 'invalid', reason: 'signature' };
      }
      const issuerOf = (payload.issuer as { id?: unknown } | undefined)?.id ?? payload.issuer;
      if (issuerOf !== issuerId(deps.publicUrl)) return { status: 'invalid', reason: 'issuer' };
      const prefix = credentialId(deps.publicUrl, '');
      const id =
        typeof payload.id === 'string' && payload.id.startsWith(prefix) ? payload.id.slice(prefix.length) : null;
      const cert = id ? await deps.store.certificates.findById(id) : null;
      return cert ? verificationOf(cert, lang) : { status: 'unknown' };
    },
  };
}

function jwsFrom(input: string | Buffer): string | null {
  try {
    if (Buffer.isBuffer(input)) {
      if (input.subarray(0, 8).equals(PNG_SIGNATURE)) return jwsFrom(extractCredential(input) ?? '');
      return jwsFrom(input.toString('utf8'));
    }
    const text = input.trim();
    if (text.startsWith('{')) {
      const id = (JSON.parse(text) as { id?: unknown }).id;
      return typeof id === 'string' && id.startsWith(ENVELOPE_PREFIX)
        ? jwsFrom(id.slice(ENVELOPE_PREFIX.length))
        : null;
    }
    return COMPACT_JWS.test(text) ? text : null;
  } catch {
    return null; // not JSON, a broken PNG
  }
}

export type BadgeService = ReturnType<typeof createBadgeService>;
