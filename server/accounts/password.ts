import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. Algorithm 2 = Argon2id.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, OPTIONS),
  verify: async (stored, password) => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
};

const COMMON = new Set([
  'password',
  'password1',
  'password12',
  'password123',
  'passw0rd',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  'qwerty1234',
  'iloveyou12',
  'letmein123',
  'welcome123',
  'admin12345',
  'abc1234567',
  '1q2w3e4r5t',
  'football12',
  'azertyuiop',
  'motdepasse',
  'contrasena',
  'contraseña',
  'senha12345',
  '0123456789',
  '1111111111',
  'changeme12',
]);

/**
 * NIST SP 800-63B style: length over composition rules. At least 10 characters, not a well-known
 * password, not the e-mail address, not one character repeated. Returns an i18n key or null.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < 10) return 'validation:password.short';
  if (password.length > 200) return 'validation:password.long';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'validation:password.common';
  if (new Set(lower).size < 4) return 'validation:password.repetitive';
  const local = email?.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'validation:password.email';
  return null;
}
