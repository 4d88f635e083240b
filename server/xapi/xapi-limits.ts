import { AppError } from '../errors.js';
import type { Config } from '../config.js';
import { stringifyJson } from '../ledger/json-text.js';
import { rateKey } from '../rate-key.js';
import type { LrsLimits, RateLimitRepo } from '../store/store.js';
import type { LrsPrincipal } from './lrs-client-service.js';

export type { LrsLimits } from '../store/store.js';

/** The defaults of each kind of principal (docs/xapi-lrs.md, "Limits"). */
export interface XapiLimitDefaults {
  learner: LrsLimits;
  client: LrsLimits;
  /** A launched package unit (cmi5 AU): a learner's token too, with room for its state documents. */
  unit: LrsLimits;
}

const KB = 1024;
const MB = 1024 * KB;

export function limitDefaults(config: Config): XapiLimitDefaults {
  const learner: LrsLimits = {
    bodyBytes: config.XAPI_LEARNER_BODY_KB * KB,
    statementBytes: config.XAPI_LEARNER_STATEMENT_KB * KB,
    batchSize: config.XAPI_LEARNER_BATCH,
    requestsPerMinute: config.XAPI_LEARNER_PER_MINUTE,
  };
  return {
    learner,
    client: {
      bodyBytes: config.XAPI_CLIENT_BODY_MB * MB,
      statementBytes: config.XAPI_CLIENT_STATEMENT_KB * KB,
      batchSize: config.XAPI_CLIENT_BATCH,
      requestsPerMinute: config.XAPI_CLIENT_PER_MINUTE,
    },
    unit: {
      ...learner,
      bodyBytes: Math.max(learner.bodyBytes, MB),
      statementBytes: Math.max(learner.statementBytes, 64 * KB),
    },
  };
}

/** The limits a principal works under: its own (an LRS client's), else its kind's defaults. */
export function limitsOf(p: LrsPrincipal, defaults: XapiLimitDefaults): LrsLimits {
  if (p.learner) return defaults.learner;
  if (p.unit) return defaults.unit;
  return { ...defaults.client, ...p.limits };
}

/** Who a rate limit counts: a learner (whichever of their tokens or units is used) or an LRS client. */
export function rateKeyOf(p: LrsPrincipal): string | null {
  const userId = p.learner?.userId ?? p.unit?.userId;
  if (userId) return `user:${userId}`;
  return p.clientId ? `client:${p.clientId}` : null;
}

export class TooLargeError extends AppError {
  constructor(code: string, message: string) {
    super(413, code, message);
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'lrs_rate_limited', `Too many requests; try again in ${retryAfterSeconds} s.`, {
      retryAfter: retryAfterSeconds,
    });
  }
}

/** Statement size and batch size, checked on the parsed batch before anything else is done with it. */
export function checkStatementLimits(batch: readonly unknown[], limits: LrsLimits): void {
  if (batch.length > limits.batchSize)
    throw new TooLargeError(
      'batch_too_large',
      `A request may carry at most ${limits.batchSize} statements; this one has ${batch.length}.`,
    );
  batch.forEach((s, i) => {
    const size = Buffer.byteLength(stringifyJson(s));
    if (size > limits.statementBytes)
      throw new TooLargeError(
        'statement_too_large',
        `${batch.length > 1 ? `statement[${i}]` : 'The statement'} is ${size} bytes; the limit is ${limits.statementBytes}.`,
      );
  });
}

/**
 * Requests per minute per principal, in fixed one-minute windows. In process memory like the other
 * limits of DESIGN.md section 10 (several instances each allow the full rate).
 */
/**
 * Requests per minute per learner (all their tokens and cmi5 units) or per LRS client, counted in the
 * store like every other limit, so instances behind one load balancer share it (issue 10, item 16).
 */
export function requestRateLimiter(opts: { limits: RateLimitRepo; enabled: boolean; clock?: () => Date }) {
  const now = opts.clock ?? (() => new Date());
  return {
    /** Throws RateLimitedError when the key has used its requests of the current minute. */
    async hit(key: string | null, perMinute: number): Promise<void> {
      if (!opts.enabled || key === null || perMinute <= 0) return;
      const at = now();
      const counter = await opts.limits.hit(rateKey('lrs-rate', key), at, 60_000);
      if (counter.count > perMinute)
        throw new RateLimitedError(Math.max(1, Math.ceil((counter.resetAt.getTime() - at.getTime()) / 1000)));
    },
  };
}
