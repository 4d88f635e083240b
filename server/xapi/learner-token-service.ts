import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { UnauthorizedError } from '../errors.js';
import type { LrsPrincipal } from './lrs-client-service.js';
import { learnerActor } from '../ledger/platform.js';
import type { UserRecord } from '../store/store.js';

/** What a learner's browser may write: one learner, one registration, one course. */
export interface LearnerGrant {
  userId: string;
  registration: string;
  courseSlug: string;
  /** When the token was issued (ms since the epoch); 0 for tokens from before this was recorded. */
  issuedAt: number;
  /** The learner's actor and the course IRI, precomputed for the statement rules. */
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } };
  courseIri: string;
}

/** Statements from a learner's browser are kept apart from the platform's and from LRS clients'. */
export const BROWSER_CLIENT_ID = 'praxis-browser';

const Claims = z.object({
  v: z.literal(1),
  sub: z.string().min(1),
  reg: z.uuid(),
  course: z.string().min(1),
  exp: z.number().int(),
  /** Issued at, in milliseconds: a password change after it revokes the token. */
  iat: z.number().int().optional(),
});
type Claims = z.infer<typeof Claims>;

export class LearnerTokenError extends UnauthorizedError {
  constructor(code: 'lrs_token_invalid' | 'lrs_token_expired' | 'lrs_token_revoked', message: string) {
    super(code, message);
  }
}

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

/**
 * Short-lived, stateless bearer tokens for the lesson page tracker: `<claims>.<HMAC-SHA256>`,
 * both base64url. Nothing is stored, so any app instance sharing the secret accepts them.
 */
export function createLearnerTokenService(deps: {
  secret: string;
  publicUrl: string;
  ttlMinutes: number;
  /** The accounts a token is checked against on every use (one lookup by primary key). */
  users: { findById(id: string): Promise<UserRecord | null> };
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  // A separate key per purpose: a token can never be confused with a session cookie signature.
  const key = createHmac('sha256', deps.secret).update('praxis xapi learner token v1').digest();
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest();

  function grantOf(c: Claims): LearnerGrant {
    return {
      userId: c.sub,
      registration: c.reg,
      courseSlug: c.course,
      issuedAt: c.iat ?? 0,
      actor: learnerActor(deps.publicUrl, { id: c.sub }) as LearnerGrant['actor'],
      courseIri: `${deps.publicUrl}/courses/${c.course}`,
    };
  }

  return {
    issue(input: { userId: string; registration: string; courseSlug: string }): { token: string; expiresAt: Date } {
      const iat = now().getTime();
      const exp = Math.floor(iat / 1000) + deps.ttlMinutes * 60;
      const claims: Claims = { v: 1, sub: input.userId, reg: input.registration, course: input.courseSlug, exp, iat };
      const payload = b64(JSON.stringify(claims));
      return { token: `${payload}.${b64(sign(payload))}`, expiresAt: new Date(exp * 1000) };
    },

    /** The grant of a valid token; a LearnerTokenError says whether it is forged or only expired. */
    verify(token: string): LearnerGrant {
      const [payload, mac, extra] = token.split('.');
      const invalid = new LearnerTokenError('lrs_token_invalid', 'The learner token is not valid.');
      if (!payload || !mac || extra !== undefined) throw invalid;
      const given = Buffer.from(mac, 'base64url');
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
      let claims: Claims;
      try {
        claims = Claims.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      } catch {
        throw invalid;
      }
      if (claims.exp * 1000 <= now().getTime())
        throw new LearnerTokenError(
          'lrs_token_expired',
          'The learner token has expired; open the lesson page again for a new one.',
        );
      return grantOf(claims);
    },

    /**
     * A signed, unexpired token still speaks for its learner only while the account exists (an erased
     * learner's token stops at once) and its password has not changed since the token was issued.
     */
    async checkAccount(grant: LearnerGrant): Promise<void> {
      const user = await deps.users.findById(grant.userId);
      if (!user)
        throw new LearnerTokenError(
          'lrs_token_revoked',
          'The learner token belongs to an account that no longer exists.',
        );
      const changed = user.credentialsChangedAt?.getTime() ?? 0;
      if (grant.issuedAt < changed)
        throw new LearnerTokenError(
          'lrs_token_revoked',
          'The learner token was issued before the password was changed; sign in and open the lesson again.',
        );
    },

    /**
     * The principal of a verified token: it may only write statements, stamped with an authority
     * that is never the platform's (an anonymous Group of the tracker and the learner, the xAPI
     * form for "this application on behalf of this person"), so nothing that trusts only the
     * platform authority counts them.
     */
    principal(grant: LearnerGrant): LrsPrincipal {
      return {
        clientId: BROWSER_CLIENT_ID,
        scopes: new Set(['statements/write']),
        authority: {
          objectType: 'Group',
          member: [
            {
              objectType: 'Agent',
              name: 'Praxis lesson tracker',
              account: { homePage: deps.publicUrl, name: BROWSER_CLIENT_ID },
            },
            grant.actor,
          ],
        },
        learner: grant,
      };
    },
  };
}

export type LearnerTokenService = ReturnType<typeof createLearnerTokenService>;
