import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from './log.js';

/**
 * `npm start` uses every core: Node runs JavaScript on one, so a primary process forks one worker per
 * core (WEB_CONCURRENCY), and the workers share the port. They share everything else through the
 * store, as several instances behind a load balancer do (sessions, rate counters, the ledger). What
 * one process does for all of them is the leader's: the housekeeping sweeps and the cmi5 idle-session
 * sweep. docs/operations.md, "Workers".
 *
 * Messages between the primary and its workers are objects whose `praxis` field names them.
 */
const kindOf = (m: unknown): unknown =>
  typeof m === 'object' && m !== null ? (m as { praxis?: unknown }).praxis : undefined;

/** A worker listens for the primary's messages, then says so; the primary answers with its role. */
export const WORKER_READY = { praxis: 'ready' } as const;
const roleMessage = (leader: boolean) => ({ praxis: 'role', leader });
/** true: this worker leads; false: it does not; null: not a role message. */
export const leaderRole = (m: unknown): boolean | null =>
  kindOf(m) === 'role' ? (m as { leader?: unknown }).leader === true : null;

/** A course package was imported or published in one worker: the others install it too. */
export const CATALOGUE_CHANGED = { praxis: 'catalogue-changed' } as const;
export const isCatalogueChange = (m: unknown): boolean => kindOf(m) === CATALOGUE_CHANGED.praxis;

/** Workers to run: WEB_CONCURRENCY, else one per core. */
export const workerCount = (configured: number | undefined): number => configured ?? availableParallelism();

/**
 * Argon2 hashes each take a core: the sign-in hashing bound is shared out among the workers, so a storm
 * of sign-ins still hashes at most one password per core (issue 10, item 14).
 */
export const hashConcurrencyPerWorker = (workers: number, cores = availableParallelism()): number =>
  Math.max(1, Math.floor(cores / workers));

/** A worker that dies this soon after its start counts as a failed start; five in a row stop Praxis. */
const EARLY_DEATH_MS = 10_000;
const EARLY_DEATHS_TO_GIVE_UP = 5;

export function runPrimary(opts: { workers: number; log: Logger; env?: NodeJS.ProcessEnv }): void {
  const { workers, log } = opts;
  const alive = new Set<Worker>();
  const startedAt = new Map<Worker, number>();
  let leader: Worker | undefined;
  let stopping = false;
  let earlyDeaths = 0;

  const fork = (lead: boolean): Worker => {
    const worker = cluster.fork(opts.env);
    alive.add(worker);
    startedAt.set(worker, Date.now());
    if (lead) leader = worker;
    worker.on('message', (message: unknown) => {
      if (kindOf(message) === WORKER_READY.praxis) worker.send(roleMessage(worker === leader));
      if (!isCatalogueChange(message)) return;
      for (const other of alive) if (other !== worker && other.isConnected()) other.send(CATALOGUE_CHANGED);
    });
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker);
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (alive.size === 0) {
        log.info('stopped');
        process.exit(0);
      }
      return;
    }
    earlyDeaths = lived < EARLY_DEATH_MS ? earlyDeaths + 1 : 0;
    if (earlyDeaths >= EARLY_DEATHS_TO_GIVE_UP) {
      log.fatal({ code, signal }, `workers died ${earlyDeaths} times in a row just after starting: stopping`);
      process.exit(1);
    }
    log.error({ pid: worker.process.pid, code, signal }, 'a worker stopped unexpectedly: starting another');
    fork(worker === leader);
  });

  // The first worker starts alone: it migrates the database and makes what a first start makes (the
  // certificate signing key). The others follow once it listens.
  log.info({ workers }, 'starting workers');
  fork(true).once('listening', () => {
    for (let i = 1; i < workers && !stopping; i++) fork(false);
  });

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: each worker finishes its requests in flight');
    for (const worker of alive) worker.process.kill('SIGTERM');
    setTimeout(() => {
      log.error('forced exit after 15 s');
      process.exit(1);
    }, 15_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
