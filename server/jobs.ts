import type { Logger } from './log.js';

/**
 * A small in-process job queue for work that must not hold up a response (the password-reset
 * token and mail, so the page answers alike whether or not the account exists). Jobs run one at
 * a time, in order, after the current request has been answered; a failure is logged with the
 * job's name and does not stop the queue. Jobs live in memory only: a crash loses the queued ones,
 * which is acceptable for mail a user can ask for again. The queue is bounded; beyond it new jobs
 * are refused and logged.
 */
export interface JobQueue {
  /** Queues a job; false when the queue is full (the job is dropped and logged). */
  enqueue(name: string, job: () => Promise<void>): boolean;
  /** Resolves once every queued job has run (tests, and a graceful shutdown). */
  idle(): Promise<void>;
  readonly size: number;
}

export function createJobQueue(opts: { log: Logger; maxQueued?: number }): JobQueue {
  const max = opts.maxQueued ?? 1000;
  const queue: { name: string; job: () => Promise<void> }[] = [];
  let running = false;
  let waiters: (() => void)[] = [];

  const drain = async () => {
    running = true;
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        await next.job();
      } catch (err) {
        opts.log.error({ err, job: next.name }, `background job "${next.name}" failed`);
      }
    }
    running = false;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  return {
    enqueue(name, job) {
      if (queue.length >= max) {
        opts.log.error({ job: name, queued: queue.length }, `job queue full: "${name}" dropped`);
        return false;
      }
      queue.push({ name, job });
      if (!running) {
        running = true;
        setImmediate(() => void drain());
      }
      return true;
    },
    idle: () => (running || queue.length ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve()),
    get size() {
      return queue.length;
    },
  };
}
