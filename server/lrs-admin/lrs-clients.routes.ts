import { Router, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { currentUser, requireRole } from '../http/auth.js';
import { parseForm, type FieldErrors } from '../http/forms.js';
import { NotFoundError } from '../errors.js';
import { LRS_SCOPES, type LrsClientRecord } from '../store/store.js';
import { limitDefaults } from '../xapi/xapi-limits.js';
import { ClientForm, ClientKeyParam, LimitsForm } from './lrs-admin.schema.js';

/** LRS client credentials: list, create (the secret is shown once), revoke after confirming. */
export function lrsClientRoutes(deps: Pick<AppDeps, 'config' | 'lrsAdmin'>): Router {
  const router = Router();
  const { clients } = deps.lrsAdmin;
  router.use('/admin/lrs', requireRole('admin'));

  const renderList = async (
    res: Response,
    status: number,
    values: { name?: unknown; scopes?: unknown },
    errors: FieldErrors = {},
    revoked = false,
    confirmAll = false,
    limitsSaved = false,
  ) => {
    const chosen = ([] as unknown[]).concat(values.scopes ?? []);
    res.status(status).render('lrsadmin/clients', {
      clients: await clients.list(),
      revoked,
      limitsSaved,
      errors,
      hasErrors: Object.keys(errors).length > 0,
      confirmAll,
      name: typeof values.name === 'string' ? values.name : '',
      scopes: LRS_SCOPES.map((scope) => ({
        scope,
        id: `scope-${scope.replaceAll('/', '-')}`,
        checked: chosen.includes(scope),
      })),
    });
  };

  router.get('/admin/lrs/clients', (req, res) =>
    renderList(res, 200, {}, {}, req.query.revoked === '1', false, req.query.limits === '1'),
  );

  router.post('/admin/lrs/clients', async (req, res) => {
    const form = parseForm(ClientForm, req.body);
    if (!form.ok) return renderList(res, 422, req.body ?? {}, form.errors);
    // `all` reads every learner's statements and writes anything: created only once the administrator has read that.
    if (form.data.scopes.includes('all') && (req.body as { confirmAll?: unknown }).confirmAll !== 'yes') {
      return renderList(res, 422, req.body ?? {}, {}, false, true);
    }
    const created = await clients.create(currentUser(req), form.data);
    // Rendered, not redirected: the secret exists only in this response (it is stored hashed), so
    // it must not be cached, and reloading cannot show it again.
    res
      .set('Cache-Control', 'no-store')
      .status(201)
      .render('lrsadmin/client-created', { client: created, endpoint: `${deps.config.PUBLIC_URL}/xapi` });
  });

  const defaults = limitDefaults(deps.config).client;
  const LIMITS = ['bodyBytes', 'statementBytes', 'batchSize', 'requestsPerMinute'] as const;
  const renderLimits = (
    res: Response,
    status: number,
    client: LrsClientRecord,
    values: Record<string, unknown>,
    errors: FieldErrors = {},
  ) =>
    res.status(status).render('lrsadmin/client-limits', {
      client,
      errors,
      hasErrors: Object.keys(errors).length > 0,
      fields: LIMITS.map((name) => ({
        name,
        value: values[name] === undefined ? '' : String(values[name]),
        fallback: defaults[name],
        error: errors[name],
      })),
    });
  const requireClient = async (key: string) => {
    const client = await clients.find(key);
    if (!client) throw new NotFoundError('lrs_client_not_found', 'No such LRS client.');
    return client;
  };

  router.get('/admin/lrs/clients/:key/limits', async (req, res) => {
    const client = await requireClient(ClientKeyParam.parse(req.params).key);
    renderLimits(res, 200, client, client.limits ?? {});
  });

  router.post('/admin/lrs/clients/:key/limits', async (req, res) => {
    const client = await requireClient(ClientKeyParam.parse(req.params).key);
    const form = parseForm(LimitsForm, req.body);
    if (!form.ok) return renderLimits(res, 422, client, req.body ?? {}, form.errors);
    await clients.setLimits(currentUser(req), client.key, form.data);
    res.redirect(303, '/admin/lrs/clients?limits=1');
  });

  router.get('/admin/lrs/clients/:key/revoke', async (req, res) => {
    const { key } = ClientKeyParam.parse(req.params);
    const client = await clients.find(key);
    if (!client) throw new NotFoundError('lrs_client_not_found', 'No such LRS client.');
    res.render('lrsadmin/client-revoke', { client });
  });

  router.post('/admin/lrs/clients/:key/revoke', async (req, res) => {
    const { key } = ClientKeyParam.parse(req.params);
    await clients.revoke(currentUser(req), key);
    res.redirect(303, '/admin/lrs/clients?revoked=1');
  });

  return router;
}
