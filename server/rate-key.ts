import { createHash } from 'node:crypto';

/**
 * The stored key of a rate-limit counter: what is counted (`kind`) and a hash of whom it counts
 * (an account, an address, an LRS key). E-mail and IP addresses are personal data, so the counter
 * table never holds them in clear.
 */
export function rateKey(kind: string, ...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return `${kind}:${hash.digest('base64url').slice(0, 32)}`;
}
