import { describe, expect, it } from 'vitest';
import { generateCode, isCanonicalCode, normaliseCode } from '../../../server/certificates/certificate-code.js';

describe('certificate codes', () => {
  it('groups 16 Crockford base32 symbols in four blocks', () => {
    const code = generateCode();

    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(isCanonicalCode(code)).toBe(true);
  });

  it('uses all 80 random bits', () => {
    const allOnes = generateCode((n) => new Uint8Array(n).fill(0xff));
    const allZeros = generateCode((n) => new Uint8Array(n));
    const lastBit = generateCode((n) => {
      const b = new Uint8Array(n);
      b[n - 1] = 1;
      return b;
    });
    const firstBit = generateCode((n) => {
      const b = new Uint8Array(n);
      b[0] = 0x80;
      return b;
    });

    expect(allOnes).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(allZeros).toBe('0000-0000-0000-0000');
    expect(lastBit).toBe('0000-0000-0000-0001');
    expect(firstBit).toBe('G000-0000-0000-0000');
  });

  it('does not repeat itself', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => generateCode()));

    expect(codes.size).toBe(2000);
  });

  it('normalises what a person types: case, spaces, missing dashes, O/0 and I/L/1', () => {
    expect(normaliseCode('7k3m-q9xd-2b4r-ht0w')).toBe('7K3M-Q9XD-2B4R-HT0W');
    expect(normaliseCode('7K3MQ9XD2B4RHT0W')).toBe('7K3M-Q9XD-2B4R-HT0W');
    expect(normaliseCode(' 7K3M Q9XD 2B4R HTOW ')).toBe('7K3M-Q9XD-2B4R-HT0W');
    expect(normaliseCode('IL00-oooo-1111-2222')).toBe('1100-0000-1111-2222');
  });

  it('rejects what cannot be a code', () => {
    for (const bad of [
      '',
      'ABCD',
      '7K3M-Q9XD-2B4R-HT0WX',
      '7K3M-Q9XD-2B4R-HT0U',
      '7K3M-Q9XD-2B4R-HT0!',
      'x'.repeat(200),
      42,
      undefined,
    ]) {
      expect(normaliseCode(bad)).toBeNull();
    }
  });
});
