import { describe, expect, it } from 'vitest';
import { signedInWithRoles, testApp } from '../support/app.js';

const PAGES = [
  '/',
  '/my',
  '/my/certificates',
  '/courses',
  '/profile',
  '/stats',
  '/stats/report',
  '/training',
  '/training/sessions/new',
  '/admin',
  '/admin/users',
  '/admin/courses',
  '/admin/certificates',
  '/admin/trainers',
  '/admin/lrs/clients',
  '/admin/lrs/statements',
  '/admin/erasure',
  '/verify',
];

describe('pages never print secrets', () => {
  it('shows no password hash, session data or stray CSRF token on any page, to a user holding every role', async () => {
    const t = await testApp();
    const { agent, user } = await signedInWithRoles(t, ['learner', 'trainer', 'manager', 'admin']);
    const hash = (await t.deps.store.users.findById(user.id))!.passwordHash;

    const leaks: string[] = [];
    for (const path of PAGES) {
      const res = await agent.get(path);
      if (res.status >= 500) leaks.push(`${path}: ${res.status}`);
      const html = res.text.replace(/name="_csrf" value="[^"]+"/g, '');
      for (const [label, pattern] of [
        ['password hash', hash],
        ['argon2', '$argon2'],
        ['passport session', '"passport"'],
        ['csrf token', '"csrfToken"'],
      ] as const) {
        if (html.includes(pattern)) leaks.push(`${path}: ${label}`);
      }
    }

    expect(leaks).toEqual([]);
  });
});
