import type { NewCertificate, NewUser } from '../../server/store/store.js';

let n = 0;
export const aUser = (over: Partial<NewUser> = {}): NewUser => ({
  email: `user${++n}-${Math.random().toString(36).slice(2, 8)}@example.org`,
  passwordHash: '$argon2id$fake',
  displayName: 'Test User',
  country: 'KE',
  sex: 'female',
  sector: 'police',
  organisation: '',
  language: 'en',
  ...over,
});

let c = 0;
/** A certificate as the completion hook would issue it. */
export const aCertificate = (over: Partial<NewCertificate> = {}): NewCertificate => {
  c++;
  const hex = (c % 0xffff)
    .toString(16)
    .toUpperCase()
    .padStart(4, '0')
    .replace(/[^0-9A-F]/g, '0');
  return {
    id: crypto.randomUUID(),
    code: `TEST-${hex}-${Math.random()
      .toString(36)
      .slice(2, 6)
      .toUpperCase()
      .replace(/[ILOU]/g, '7')
      .padEnd(4, '7')}-0000`,
    userId: crypto.randomUUID(),
    learnerName: 'Amina Diallo',
    courseSlug: 'alternatives-to-imprisonment',
    courseVersion: '1.0.0',
    courseTitle: { en: 'Alternatives to imprisonment', fr: "Alternatives à l'emprisonnement" },
    defaultLanguage: 'en',
    languages: ['en', 'fr'],
    hours: 6,
    completedAt: new Date('2025-03-01T10:00:00Z'),
    issuedAt: new Date(Date.now() + c),
    identityHash: `sha256$${'a'.repeat(64)}`,
    identitySalt: `salt${c}`,
    ...over,
  };
};
