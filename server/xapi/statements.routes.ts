import { BadRequestError } from '../errors.js';
import { stringifyJson } from '../ledger/json-text.js';
import { parseJsonInput } from './json-input.js';
import type { AttachmentContent } from '../store/store.js';
import { acceptedLanguages } from './statement-format.js';
import type { AttachmentPart } from './statement-service.js';
import { boundaryOf, buildMultipart, parseMultipart } from './multipart.js';
import type { XapiContext, XapiHandler } from './xapi.routes.js';
import type { XapiServices } from './xapi-services.js';
import type { XapiRequest } from './xapi-request.js';

const MORE_BASE = '/xapi/statements';

const parseJson = (body: Buffer) => parseJsonInput(body, 'The statement body');

/** JSON, or multipart/mixed whose first part is the statements and the rest are raw attachments. */
function readStatements(x: XapiRequest): { body: unknown; parts: AttachmentPart[] } {
  if (/^multipart\/mixed\b/i.test(x.contentType)) {
    const [first, ...rest] = parseMultipart(x.body, boundaryOf(x.contentType));
    if (!first || !/^application\/json\b/i.test(first.headers['content-type'] ?? ''))
      throw new BadRequestError('invalid_multipart', 'The first part must be application/json statements.');
    const parts = rest.map((p) => {
      const sha2 = p.headers['x-experience-api-hash'];
      if (!sha2)
        throw new BadRequestError('invalid_multipart', 'Every attachment part needs an X-Experience-API-Hash header.');
      if (p.headers['content-transfer-encoding'] && p.headers['content-transfer-encoding'].toLowerCase() !== 'binary')
        throw new BadRequestError('invalid_multipart', 'Attachment parts use Content-Transfer-Encoding: binary.');
      return { sha2, contentType: p.headers['content-type'] ?? 'application/octet-stream', content: p.body };
    });
    return { body: parseJson(first.body), parts };
  }
  if (!/^application\/json\b/i.test(x.contentType))
    throw new BadRequestError(
      'unsupported_content_type',
      'Statements are sent as application/json or multipart/mixed.',
    );
  return { body: parseJson(x.body), parts: [] };
}

function sendWithAttachments(ctx: XapiContext, json: unknown, attachments: AttachmentContent[]) {
  const { contentType, body } = buildMultipart([
    { headers: { 'Content-Type': 'application/json' }, body: Buffer.from(stringifyJson(json)) },
    ...attachments.map((a) => ({
      headers: {
        'Content-Type': a.contentType,
        'Content-Transfer-Encoding': 'binary',
        'X-Experience-API-Hash': a.sha2,
      },
      body: a.content,
    })),
  ]);
  ctx.res.status(200).type(contentType).send(body);
}

export function statementRoutes(s: XapiServices): Record<string, Record<string, XapiHandler>> {
  const put: XapiHandler = async ({ req, principal, limits, res, version }) => {
    const putId = req.params.statementId;
    if (putId === undefined) throw new BadRequestError('statement_id_required', 'PUT needs the statementId parameter.');
    const extra = Object.keys(req.params).filter((k) => k !== 'statementId');
    if (extra.length) throw new BadRequestError('invalid_parameter', `Unknown parameter: ${extra.join(', ')}.`);
    await s.statements.storeStatements(principal, { ...readStatements(req), putId, version, limits });
    res.set('X-Experience-API-Consistent-Through', s.statements.consistentThrough()).status(204).end();
  };
  const post: XapiHandler = async ({ req, principal, limits, res, version }) => {
    if (Object.keys(req.params).length > 0)
      throw new BadRequestError('invalid_parameter', 'POST /statements takes no parameters.');
    const ids = await s.statements.storeStatements(principal, { ...readStatements(req), version, limits });
    res.set('X-Experience-API-Consistent-Through', s.statements.consistentThrough()).status(200).json(ids);
  };
  const get: XapiHandler = async (ctx) => {
    const { req, principal, res, version } = ctx;
    const out = await s.statements.getStatements(
      principal,
      req.params,
      acceptedLanguages(req.headers['accept-language']),
      MORE_BASE,
      version,
    );
    res.set('X-Experience-API-Consistent-Through', s.statements.consistentThrough());
    const json = out.single ?? out.result;
    if (out.single) res.set('Last-Modified', new Date(out.single.stored).toUTCString());
    if (req.params.attachments === 'true' || (req.params.more && out.attachments.length > 0))
      return sendWithAttachments(ctx, json, out.attachments);
    // A statement stored before the depth limit may be too deep for JSON.stringify: read it anyway.
    res.status(200).type('application/json').send(stringifyJson(json));
  };
  return { '/statements': { PUT: put, POST: post, GET: get } };
}
