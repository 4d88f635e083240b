import { isJson, type Json } from '../ledger/statement.js';
import { BadRequestError } from '../errors.js';

/** The primitive formats of xAPI 1.0.3 Data section 4 and the error every rule throws. */

export class InvalidStatementError extends BadRequestError {
  constructor(path: string, message: string, requirement?: string) {
    super('invalid_statement', `${path}: ${message}${requirement ? ` (${requirement})` : ''}`, { path, requirement });
  }
}

export type { Json } from '../ledger/statement.js';

export function fail(path: string, message: string, requirement?: string): never {
  throw new InvalidStatementError(path, message, requirement);
}

export const isObject = isJson;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i;
// ISO 8601 date-time; a zero offset written as -00, -0000 or -00:00 is forbidden (XAPI-00122).
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d(:?\d\d)?)?$/;
const NEGATIVE_ZERO = /-00(:?00)?$/;
const DURATION =
  /^P(?:\d+(?:\.\d+)?W|(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?)$/;
const LANGUAGE_TAG =
  /^(([a-z]{2,3}(-[a-z]{3}){0,3})|[a-z]{4,8})(-[a-z]{4})?(-([a-z]{2}|\d{3}))?(-([a-z0-9]{5,8}|\d[a-z0-9]{3}))*(-[0-9a-wyz](-[a-z0-9]{2,8})+)*(-x(-[a-z0-9]{1,8})+)?$|^x(-[a-z0-9]{1,8})+$/i;
const MBOX = /^mailto:[^@\s]+@[^@\s]+$/i;
const SHA1 = /^[0-9a-f]{40}$/i;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
export const isIri = (v: unknown): v is string => typeof v === 'string' && IRI.test(v);
export const isTimestamp = (v: unknown): v is string =>
  typeof v === 'string' && TIMESTAMP.test(v) && !NEGATIVE_ZERO.test(v) && !Number.isNaN(Date.parse(v));
export const isDuration = (v: unknown): v is string => typeof v === 'string' && DURATION.test(v);
export const isLanguageTag = (v: unknown): v is string => typeof v === 'string' && LANGUAGE_TAG.test(v);
export const isMbox = (v: unknown): v is string => typeof v === 'string' && MBOX.test(v);
export const isSha1 = (v: unknown): v is string => typeof v === 'string' && SHA1.test(v);

export function requireObject(v: unknown, path: string, requirement?: string): Json {
  if (!isObject(v)) fail(path, 'must be a JSON object', requirement);
  return v;
}

/** xAPI objects are closed: a property the spec does not define is an error (XAPI-00001 family). */
export function onlyKeys(o: Json, allowed: readonly string[], path: string): void {
  for (const [k, v] of Object.entries(o)) {
    if (!allowed.includes(k)) fail(`${path}.${k}`, 'is not an allowed property');
    if (v === null) fail(`${path}.${k}`, 'must not be null');
  }
}

export function requireString(v: unknown, path: string, requirement?: string): string {
  if (typeof v !== 'string') fail(path, 'must be a string', requirement);
  return v;
}
export function requireIri(v: unknown, path: string, requirement?: string): string {
  if (!isIri(v)) fail(path, 'must be an IRI with a scheme', requirement);
  return v;
}
export function requireUuid(v: unknown, path: string, requirement?: string): string {
  if (!isUuid(v)) fail(path, 'must be a UUID', requirement);
  return v;
}

/** Language map: RFC 5646 tags to strings (XAPI-00032). */
export function checkLanguageMap(v: unknown, path: string): void {
  const map = requireObject(v, path);
  for (const [tag, text] of Object.entries(map)) {
    if (!isLanguageTag(tag)) fail(`${path}.${tag}`, 'is not an RFC 5646 language tag', 'XAPI-00032');
    if (typeof text !== 'string') fail(`${path}.${tag}`, 'must be a string');
  }
}

/** Extensions: keys are IRIs, values any JSON (XAPI-00118). */
export function checkExtensions(v: unknown, path: string): void {
  const map = requireObject(v, path);
  for (const key of Object.keys(map))
    if (!isIri(key)) fail(`${path}.${key}`, 'extension keys must be IRIs', 'XAPI-00118');
}
