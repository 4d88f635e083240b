import { describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import type { Mail } from '../../server/accounts/mailer.js';
import { argon2Hasher } from '../../server/accounts/password.js';
import { createApp } from '../../server/app.js';
import { accountsFor, registeredAgent, submitForm, testApp } from '../support/app.js';

/** The app with a mailer that holds every mail until the test lets it go (or fails it). */
async function appWithSlowMailer(fail = false) {
  const t = await testApp();
  const sent: Mail[] = [];
  const held: (() => void)[] = [];
  t.deps.accounts = accountsFor(t.deps, {
    hasher: argon2Hasher,
    mailer: {
      send: (mail) =>
        new Promise<void>((resolve, reject) =>
          held.push(() => (fail ? reject(new Error('SMTP server refused')) : resolve(void sent.push(mail)))),
        ),
    },
  });
  const app = createApp(t.deps);
  const release = async () => {
    while (held.length || t.deps.jobs.size) {
      held.splice(0).forEach((go) => go());
      await new Promise((r) => setTimeout(r, 5));
    }
    await t.deps.jobs.idle();
  };
  return { ...t, app, sent, held, release };
}

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), ms))]);

describe('forgot-password off the request path (issue 10, item 11)', () => {
  it('answers before the token and the mail are done, with the same page for known and unknown accounts', async () => {
    const t = await appWithSlowMailer();
    const { email } = await registeredAgent(t.app);

    const known = await within(
      3000,
      submitForm(request.agent(t.app), '/forgot-password', '/forgot-password', { email }),
    );
    const unknown = await within(
      3000,
      submitForm(request.agent(t.app), '/forgot-password', '/forgot-password', { email: 'nobody@example.org' }),
    );

    expect(known).not.toBe('timed out');
    expect(unknown).not.toBe('timed out');
    if (known === 'timed out' || unknown === 'timed out') return;
    expect([known.status, known.headers.location, known.text]).toEqual([
      unknown.status,
      unknown.headers.location,
      unknown.text,
    ]);
    expect(t.sent).toHaveLength(0); // the mail is still on its way
    await t.release();
    expect(t.sent.map((m) => m.to)).toEqual([email]);
  });

  it('logs a failed mail and still answers with the same page', async () => {
    const t = await appWithSlowMailer(true);
    const { email } = await registeredAgent(t.app);
    const error = vi.spyOn(t.deps.log, 'error');

    const res = await within(3000, submitForm(request.agent(t.app), '/forgot-password', '/forgot-password', { email }));
    await t.release();

    expect(res).not.toBe('timed out');
    if (res !== 'timed out') expect([res.status, res.headers.location]).toEqual([303, '/forgot-password?sent=1']);
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({
        job: 'password-reset',
        err: expect.objectContaining({ message: 'SMTP server refused' }),
      }),
      'background job "password-reset" failed',
    );
  });
});
