import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from '../../server/http/i18n.js';
import { passwordProblem } from '../../server/accounts/password.js';
import { safeNext } from '../../server/http/auth.js';
import { AppError, ConflictError, NotFoundError } from '../../server/errors.js';
import { countryOptions, isCountryCode } from '../../server/accounts/countries.js';
import { userIdOf } from '../../server/store/session-data.js';

describe('language negotiation', () => {
  it('honours q-values and regional tags', () => {
    expect(negotiateLanguage('de-DE,fr;q=0.8,en;q=0.9')).toBe('en');
    expect(negotiateLanguage('pt-BR,pt;q=0.9')).toBe('pt');
    expect(negotiateLanguage('zh-Hans-CN')).toBe('zh');
    expect(negotiateLanguage('ar;q=0, es;q=0.1')).toBe('es');
  });

  it('returns null when nothing is supported or the header is absent or malformed', () => {
    expect(negotiateLanguage('de, it')).toBeNull();
    expect(negotiateLanguage(undefined)).toBeNull();
    expect(negotiateLanguage(';;;,q=abc')).toBeNull();
  });
});

describe('password strength', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblem('correct horse battery', 'ada@example.org')).toBeNull();
  });

  it.each([
    ['short1', 'validation:password.short'],
    ['x'.repeat(201), 'validation:password.long'],
    ['Password123', 'validation:password.common'],
    ['aaaaaaaaaaaa', 'validation:password.repetitive'],
    ['abababababab', 'validation:password.repetitive'],
    ['lovelace-2024!', 'validation:password.email'],
  ])('refuses %s', (password, key) => {
    expect(passwordProblem(password, 'lovelace@example.org')).toBe(key);
  });
});

describe('safe redirects', () => {
  it.each([
    ['/my', '/my'],
    ['/courses?x=1', '/courses?x=1'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    [undefined, '/'],
    [42, '/'],
  ])('%s -> %s', (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });
});

describe('errors', () => {
  it('carry their status and code', () => {
    const e = new ConflictError('email_taken', 'taken');
    expect(e).toBeInstanceOf(AppError);
    expect([e.status, e.code, e.name]).toEqual([409, 'email_taken', 'ConflictError']);
    expect(new NotFoundError().status).toBe(404);
  });
});

describe('countries', () => {
  it('knows ISO 3166-1 codes and names them in the reader language, sorted', () => {
    expect(isCountryCode('KG')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    const fr = countryOptions('fr');
    expect(fr.find((c) => c.code === 'DE')?.name).toBe('Allemagne');
    expect(fr.length).toBe(249);
    expect(countryOptions('ar').find((c) => c.code === 'EG')?.name).toBe('مصر');
  });
});

describe('session data', () => {
  it('finds the signed-in user id, and nothing in other data', () => {
    expect(userIdOf('{"passport":{"user":"u1"}}')).toBe('u1');
    expect(userIdOf('{"cookie":{}}')).toBeNull();
    expect(userIdOf('not json')).toBeNull();
  });
});

describe('view helpers', () => {
  it('refuses {{json}} without a value instead of printing the page context', async () => {
    const { viewHelpers } = await import('../../server/http/views.js');
    const options = { data: { root: { user: { passwordHash: 'secret' } } }, hash: {} };

    expect(() => (viewHelpers.json as (...a: unknown[]) => string)(options)).toThrow(/needs a value/);
    expect((viewHelpers.json as (...a: unknown[]) => string)({ a: 1 }, options)).toBe('{"a":1}');
  });
});
