import { availableParallelism } from 'node:os';
import { AppError } from '../errors.js';
import type { PasswordHasher } from './password.js';

/** 503 with Retry-After: the server is healthy but busy hashing passwords; the request did no work. */
export class OverloadedError extends AppError {
  constructor(readonly retryAfter: number) {
    super(503, 'overloaded', 'Many people are signing in right now. Please try again in a few seconds.', {
      retryAfter,
    });
  }
}

export interface HashQueueOptions {
  /** Hashes computed at once: argon2id takes a core and 19 MiB for each. */
  concurrency: number;
  /** Callers that may wait for a slot; the next one is refused at once. */
  queue: number;
}

export interface BoundedHasher extends PasswordHasher {
  load(): { running: number; waiting: number; refused: number };
}

/**
 * A sign-in storm must not starve the rest of the server: at most `concurrency` hashes run (each in
 * libuv's pool, off the event loop), `queue` more wait in order, and the rest are shed with
 * OverloadedError, whose Retry-After is how long the queue ahead takes at the recent hashing speed.
 */
export function boundedHasher(inner: PasswordHasher, opts: HashQueueOptions): BoundedHasher {
  let running = 0;
  let refused = 0;
  let meanMs = 50;
  const waiting: (() => void)[] = [];

  const acquire = (): Promise<void> | undefined => {
    if (running < opts.concurrency) {
      running++;
      return undefined;
    }
    if (waiting.length >= opts.queue) {
      refused++;
      const ahead = (waiting.length + running) / opts.concurrency;
      throw new OverloadedError(Math.min(60, Math.max(1, Math.ceil((ahead * meanMs) / 1000))));
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const bounded = async <T>(work: () => Promise<T>): Promise<T> => {
    await acquire();
    const started = performance.now();
    try {
      return await work();
    } finally {
      meanMs = meanMs * 0.9 + (performance.now() - started) * 0.1;
      release();
    }
  };

  return {
    hash: (password) => bounded(() => inner.hash(password)),
    verify: (stored, password) => bounded(() => inner.verify(stored, password)),
    load: () => ({ running, waiting: waiting.length, refused }),
  };
}

/** HASH_CONCURRENCY (default: the cores) and HASH_QUEUE (default: 32 waiting per running hash). */
export function hashQueueOptions(
  config: { HASH_CONCURRENCY?: number; HASH_QUEUE?: number },
  cores = availableParallelism(),
): HashQueueOptions {
  const concurrency = config.HASH_CONCURRENCY ?? cores;
  return { concurrency, queue: config.HASH_QUEUE ?? concurrency * 32 };
}
