import type { NewUser } from '../../server/store/store.js';

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
