import { BadRequestError } from '../errors.js';

/** The `more` cursor: the query's own parameters plus the seq of the last statement sent; valid for a day. */
const LIFETIME_MS = 24 * 60 * 60 * 1000;

export function encodeCursor(params: Record<string, string>, afterSeq: number, now: Date): string {
  return Buffer.from(JSON.stringify({ p: params, s: afterSeq, e: now.getTime() + LIFETIME_MS })).toString('base64url');
}

export function decodeCursor(token: string, now: Date): { params: Record<string, string>; afterSeq: number } {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      p: Record<string, string>;
      s: number;
      e: number;
    };
    if (typeof c.s !== 'number' || typeof c.e !== 'number' || typeof c.p !== 'object') throw new Error('shape');
    if (c.e < now.getTime())
      throw new BadRequestError('more_expired', 'This more link has expired; run the query again.');
    return { params: c.p, afterSeq: c.s };
  } catch (err) {
    if (err instanceof BadRequestError) throw err;
    throw new BadRequestError('invalid_more', 'The more link is not valid.');
  }
}
