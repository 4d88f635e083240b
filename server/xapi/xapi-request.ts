import { BadRequestError } from '../errors.js';

/**
 * One shape for every LRS request, whether sent plainly or with the alternate request syntax
 * (xAPI 1.0.3 Communication 1.3: POST ?method=X with headers, parameters and content as form fields).
 */
export interface XapiRequest {
  method: string;
  params: Record<string, string>;
  headers: Record<string, string | undefined>;
  contentType: string;
  body: Buffer;
  /** Sent with the alternate request syntax (removed in xAPI 2.0). */
  alternate?: boolean;
}

const FORM_HEADERS = [
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
];
const bad = (msg: string) => new BadRequestError('invalid_alternate_request', msg);

export function normaliseRequest(input: {
  method: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | undefined;
}): XapiRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(input.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.query)) {
    if (typeof v !== 'string')
      throw new BadRequestError('invalid_parameter', `Parameter ${k} was given more than once.`);
    params[k] = v;
  }
  const body = input.body ?? Buffer.alloc(0);
  if (params.method === undefined) {
    return { method: input.method.toUpperCase(), params, headers, contentType: headers['content-type'] ?? '', body };
  }
  if (input.method.toUpperCase() !== 'POST') throw bad('The method parameter is only for POST.');
  const method = params.method.toUpperCase();
  if (!['GET', 'PUT', 'POST', 'DELETE', 'HEAD'].includes(method)) throw bad(`Unknown method ${params.method}.`);
  if (Object.keys(params).length > 1) throw bad('With the alternate syntax, every parameter goes in the form body.');
  if (!/^application\/x-www-form-urlencoded\b/i.test(headers['content-type'] ?? ''))
    throw bad('The alternate syntax needs a form body.');
  const form = new URLSearchParams(body.toString('utf8'));
  const out: XapiRequest = {
    method,
    params: {},
    headers: { ...headers, 'content-type': undefined },
    contentType: '',
    body: Buffer.alloc(0),
    alternate: true,
  };
  for (const [key, value] of form) {
    const lower = key.toLowerCase();
    if (FORM_HEADERS.includes(lower)) out.headers[lower] = value;
    else if (key === 'content') out.body = Buffer.from(value, 'utf8');
    else out.params[key] = value;
  }
  out.contentType = out.headers['content-type'] ?? (out.body.length > 0 ? 'application/json' : '');
  return out;
}
