import { afterEach, describe, expect, it, vi } from 'vitest';
import { registeredAgent, testApp } from '../support/app.js';

const sessionCookie = (res: { headers: Record<string, unknown> }) =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string[] | undefined) ?? [])
    .find((c) => c.startsWith('praxis.sid='));
const expiryOf = (cookie: string | undefined) => Date.parse(/Expires=([^;]+)/.exec(cookie ?? '')?.[1] ?? '');

describe('the session cookie follows an active session forward (issue 10, throughput)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is not signed and sent again on every page, but moves two weeks forward once ten minutes have passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-04T08:00:00Z') });
    const t = await testApp();
    const { agent } = await registeredAgent(t.app);
    await agent.get('/my'); // the first page after signing in marks the session once

    const soon = await agent.get('/my');
    vi.setSystemTime(new Date('2026-12-04T08:11:00Z'));
    const later = await agent.get('/my');
    const after = await agent.get('/my');

    expect(soon.status).toBe(200);
    expect(sessionCookie(soon)).toBeUndefined();
    expect(expiryOf(sessionCookie(later))).toBe(Date.parse('2026-12-18T08:11:00Z'));
    expect(sessionCookie(after)).toBeUndefined();
    expect(after.text).toContain('/signout'); // still signed in
  });
});
