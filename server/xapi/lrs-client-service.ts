import type { UnitGrant } from './unit-grant.js';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { BadRequestError, NotFoundError } from '../errors.js';
import {
  EXPLICIT_SCOPES,
  LRS_SCOPES,
  type LrsClientRecord,
  type LrsLimits,
  type LrsScope,
  type Store,
} from '../store/store.js';
import type { LearnerGrant } from './learner-token-service.js';

/**
 * Who is calling the LRS, whatever the authentication method: an LRS client's Basic credentials,
 * or a learner's short-lived browser token (learner-token-service.ts) with its own limits.
 */
export interface LrsPrincipal {
  /** The LRS client id recorded with statements (read/mine); null for the platform itself. */
  clientId: string | null;
  scopes: ReadonlySet<LrsScope>;
  /** The authority stamped on statements this principal stores. */
  authority: Record<string, unknown>;
  /** Set for a learner's browser token: only this learner's experienced/progressed statements. */
  learner?: LearnerGrant;
  /** Set for a launched package unit (cmi5 AU): its own learner, registration, session and documents. */
  unit?: UnitGrant;
  /** An LRS client's own limits (xapi-limits.ts fills in the defaults). */
  limits?: Partial<LrsLimits>;
}

/** Secrets are 32 random bytes, so a plain SHA-256 is enough and keeps each request cheap (no argon2 per call). */
const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** `all` holds every scope but the explicit ones (EXPLICIT_SCOPES), which must be granted by name. */
export function hasScope(p: LrsPrincipal, ...wanted: LrsScope[]): boolean {
  return wanted.some((s) => p.scopes.has(s) || (p.scopes.has('all') && !EXPLICIT_SCOPES.includes(s)));
}

export function createLrsClientService(deps: { store: Store; publicUrl: string; now?: () => Date }) {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());

  const principalOf = (c: LrsClientRecord): LrsPrincipal => ({
    clientId: c.id,
    scopes: new Set(c.scopes),
    authority: { objectType: 'Agent', name: c.name, account: { homePage: deps.publicUrl, name: c.key } },
    limits: c.limits,
  });

  return {
    /** Returns the secret once; only its hash is kept. */
    async create(input: { name: string; scopes: string[] }) {
      const name = input.name.trim();
      if (!name) throw new BadRequestError('name_required', 'A client needs a name.');
      const bad = input.scopes.filter((s) => !(LRS_SCOPES as readonly string[]).includes(s));
      if (bad.length > 0 || input.scopes.length === 0)
        throw new BadRequestError('invalid_scopes', `Scopes must be among: ${LRS_SCOPES.join(', ')}.`);
      const key = randomBytes(12).toString('hex');
      const secret = randomBytes(32).toString('base64url');
      const record: LrsClientRecord = {
        id: randomUUID(),
        key,
        secretHash: hashSecret(secret),
        name,
        scopes: [...new Set(input.scopes)] as LrsScope[],
        revoked: false,
        createdAt: now(),
      };
      await store.lrsClients.create(record);
      return { ...record, secret };
    },
    list: () => store.lrsClients.list(),
    async revoke(key: string) {
      if (!(await store.lrsClients.revoke(key)))
        throw new NotFoundError('lrs_client_not_found', `No LRS client with key ${key}.`);
    },
    /** Sets a client's own limits; a field left out falls back to the configured default. */
    async setLimits(key: string, limits: Partial<LrsLimits>) {
      const bad = Object.entries(limits).filter(([, v]) => v !== undefined && !(Number.isInteger(v) && v >= 0));
      if (bad.length > 0) throw new BadRequestError('invalid_limits', 'Limits are whole numbers of 0 or more.');
      const own = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
      if (!(await store.lrsClients.setLimits(key, own)))
        throw new NotFoundError('lrs_client_not_found', `No LRS client with key ${key}.`);
    },
    /** null when the key is unknown, revoked, or the secret is wrong. */
    async authenticateBasic(key: string, secret: string): Promise<LrsPrincipal | null> {
      const client = await store.lrsClients.findByKey(key);
      if (!client || client.revoked) return null;
      const given = Buffer.from(hashSecret(secret), 'hex');
      const kept = Buffer.from(client.secretHash, 'hex');
      return given.length === kept.length && timingSafeEqual(given, kept) ? principalOf(client) : null;
    },
  };
}

export type LrsClientService = ReturnType<typeof createLrsClientService>;
