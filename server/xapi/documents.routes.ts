import { BadRequestError, ForbiddenError } from '../errors.js';
import type { DocumentKind } from '../store/store.js';
import type { Preconditions } from './document-service.js';
import { hasScope } from './lrs-client-service.js';
import { checkActor } from './agent-rules.js';
import { isIri } from './xapi-formats.js';
import type { XapiHandler } from './xapi.routes.js';
import { aboutVersions, type XapiVersion } from './xapi-version.js';
import type { XapiServices } from './xapi-services.js';
import type { XapiRequest } from './xapi-request.js';

const preconditions = (x: XapiRequest, version?: XapiVersion): Preconditions => ({
  ifMatch: x.headers['if-match'],
  ifNoneMatch: x.headers['if-none-match'],
  version,
});

function documentHandlers(s: XapiServices, kind: DocumentKind): Record<string, XapiHandler> {
  const write =
    (merge: boolean): XapiHandler =>
    async ({ req, principal, res, version }) => {
      const doc = await s.documents.write(
        principal,
        kind,
        req.params,
        { contentType: req.contentType || 'application/octet-stream', content: req.body },
        preconditions(req, version),
        merge,
      );
      res.set('ETag', `"${doc.etag}"`).status(204).end();
    };
  return {
    GET: async ({ req, principal, res }) => {
      const out = await s.documents.get(principal, kind, req.params);
      if (out.ids) {
        res.status(200).json(out.ids);
        return;
      }
      const { doc } = out;
      res
        .set({ ETag: `"${doc!.etag}"`, 'Last-Modified': doc!.updated.toUTCString() })
        .status(200)
        .type(doc!.contentType)
        .send(doc!.content);
    },
    PUT: write(false),
    POST: write(true),
    DELETE: async ({ req, principal, res }) => {
      await s.documents.remove(principal, kind, req.params, preconditions(req));
      res.status(204).end();
    },
  };
}

const mayRead = (p: Parameters<XapiHandler>[0]['principal']) =>
  hasScope(p, 'statements/read', 'statements/read/mine', 'state', 'profile', 'define');

export function documentRoutes(s: XapiServices): Record<string, Record<string, XapiHandler>> {
  return {
    '/activities/state': documentHandlers(s, 'state'),
    '/activities/profile': documentHandlers(s, 'activity_profile'),
    '/agents/profile': documentHandlers(s, 'agent_profile'),
    '/activities': {
      GET: async ({ req, principal, res }) => {
        if (!mayRead(principal)) throw new ForbiddenError('scope_missing', 'This client may not read activities.');
        if (!isIri(req.params.activityId))
          throw new BadRequestError('invalid_parameter', 'activityId is required and must be an IRI.');
        res.status(200).json(await s.statements.activity(req.params.activityId));
      },
    },
    '/agents': {
      GET: async ({ req, principal, res }) => {
        if (!mayRead(principal)) throw new ForbiddenError('scope_missing', 'This client may not read agents.');
        let agent: Record<string, unknown>;
        try {
          agent = JSON.parse(req.params.agent ?? '');
          checkActor(agent, 'agent');
        } catch {
          throw new BadRequestError('invalid_parameter', 'agent must be a JSON Agent.');
        }
        // A Person joins what the LRS knows about one individual; we know only the identifiers given.
        const person: Record<string, unknown> = { objectType: 'Person' };
        for (const k of ['name', 'mbox', 'mbox_sha1sum', 'openid', 'account'])
          if (agent[k] !== undefined) person[k] = [agent[k]];
        res.status(200).json(person);
      },
    },
    '/about': {
      GET: async ({ res, versions }) => {
        res.status(200).json({ version: aboutVersions(versions), extensions: {} });
      },
    },
  };
}
