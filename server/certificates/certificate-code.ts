import { randomBytes } from 'node:crypto';

/** Crockford base32: no I, L, O or U, so a code read aloud or retyped from paper survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16; // 16 symbols x 5 bits = 80 random bits
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

/** A fresh code such as `7K3M-Q9XD-2B4R-HT0W`: 80 bits from the system CSPRNG. */
export function generateCode(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = CODE_LENGTH - 1; i >= 0; i--) out += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return group(out);
}

/**
 * What a person typed, as the canonical code, or null when it cannot be one. Accepts lower case,
 * spaces or missing dashes, and the usual confusions (O for 0, I or L for 1).
 */
export function normaliseCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const compact = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== CODE_LENGTH || [...compact].some((c) => !ALPHABET.includes(c))) return null;
  return group(compact);
}

export const isCanonicalCode = (code: string) => CANONICAL.test(code);

const group = (s: string) => s.match(/.{4}/g)!.join('-');
