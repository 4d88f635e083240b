import { describe, expect, it, vi } from 'vitest';
import { createJobQueue } from '../../server/jobs.js';
import { createLogger } from '../../server/log.js';

describe('job queue', () => {
  it('runs jobs one at a time, in order, after the caller has moved on, past a failing one', async () => {
    const log = createLogger('silent');
    const error = vi.spyOn(log, 'error');
    const jobs = createJobQueue({ log });
    const ran: string[] = [];

    jobs.enqueue('a', async () => void ran.push('a'));
    jobs.enqueue('boom', async () => {
      throw new Error('boom');
    });
    jobs.enqueue('b', async () => void ran.push('b'));
    expect(ran).toEqual([]);
    await jobs.idle();

    expect(ran).toEqual(['a', 'b']);
    expect(error).toHaveBeenCalledTimes(1);
    expect(jobs.size).toBe(0);
    await jobs.idle(); // an idle queue resolves at once
  });

  it('refuses and logs jobs beyond its bound', async () => {
    const log = createLogger('silent');
    const error = vi.spyOn(log, 'error');
    const jobs = createJobQueue({ log, maxQueued: 2 });

    const accepted = [1, 2, 3].map((n) => jobs.enqueue(`job ${n}`, async () => {}));
    await jobs.idle();

    expect(accepted).toEqual([true, true, false]);
    expect(error).toHaveBeenCalledWith({ job: 'job 3', queued: 2 }, 'job queue full: "job 3" dropped');
  });
});
