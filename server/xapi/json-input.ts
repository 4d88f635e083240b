import { BadRequestError } from '../errors.js';
import { JSON_MAX_DEPTH, jsonTextDepth } from '../ledger/json-text.js';

/** Refuses JSON text nested deeper than JSON_MAX_DEPTH with a 400 naming the limit (docs/xapi-lrs.md, "Limits"). */
export function checkJsonDepth(text: string, what: string): void {
  const depth = jsonTextDepth(text);
  if (depth > JSON_MAX_DEPTH)
    throw new BadRequestError(
      'json_too_deep',
      `${what} nests objects and arrays ${depth} levels deep; the limit is ${JSON_MAX_DEPTH}.`,
    );
}

/** Parses a JSON body after checking its depth, so nothing deeper than the limit is ever built. */
export function parseJsonInput(body: Buffer | string, what: string): unknown {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  checkJsonDepth(text, what);
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError('invalid_json', `${what} is not valid JSON.`);
  }
}
