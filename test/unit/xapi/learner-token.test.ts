import { describe, expect, it } from 'vitest';
import { createLearnerTokenService } from '../../../server/xapi/learner-token-service.js';

const SECRET = 'a-test-secret-a-test-secret-00000';
const at = (iso: string) => () => new Date(iso);
const tokens = (now = at('2025-03-01T10:00:00Z')) =>
  createLearnerTokenService({
    secret: SECRET,
    publicUrl: 'https://learn.example.org',
    ttlMinutes: 30,
    users: { findById: async () => null },
    now,
  });
const claims = { userId: 'u-1', registration: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', courseSlug: 'line-up-live-up' };

describe('learner tokens', () => {
  it('carries the learner, registration and course, and the activities the learner may write about', () => {
    const { token, expiresAt } = tokens().issue(claims);

    const grant = tokens(at('2025-03-01T10:29:59Z')).verify(token);

    expect(expiresAt.toISOString()).toBe('2025-03-01T10:30:00.000Z');
    expect(grant).toEqual({
      userId: 'u-1',
      registration: claims.registration,
      courseSlug: 'line-up-live-up',
      issuedAt: Date.parse('2025-03-01T10:00:00Z'),
      actor: { objectType: 'Agent', account: { homePage: 'https://learn.example.org', name: 'u-1' } },
      courseIri: 'https://learn.example.org/courses/line-up-live-up',
    });
  });

  it('expires at the end of its lifetime', () => {
    const { token } = tokens().issue(claims);

    expect(() => tokens(at('2025-03-01T10:30:00Z')).verify(token)).toThrow(
      expect.objectContaining({ code: 'lrs_token_expired', status: 401 }),
    );
  });

  it.each([
    ['empty', ''],
    ['one part', 'abc'],
    ['three parts', 'a.b.c'],
    ['a bad signature', 'eyJ2IjoxfQ.AAAA'],
  ])('calls a token with %s invalid', (_name, token) => {
    expect(() => tokens().verify(token)).toThrow(expect.objectContaining({ code: 'lrs_token_invalid', status: 401 }));
  });

  it('gives its statements an authority that names the tracker and the learner, and nothing but write access', () => {
    const service = tokens();
    const principal = service.principal(service.verify(service.issue(claims).token));

    expect([...principal.scopes]).toEqual(['statements/write']);
    expect(principal.clientId).toBe('praxis-browser');
    expect(principal.authority).toMatchObject({
      objectType: 'Group',
      member: [{ account: { name: 'praxis-browser' } }, { account: { name: 'u-1' } }],
    });
  });
});
