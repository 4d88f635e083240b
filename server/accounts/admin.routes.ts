import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { currentUser, requireRole } from '../http/auth.js';
import { ROLES } from '../store/store.js';
import { NotFoundError } from '../errors.js';
import { RolesForm, UserIdParam } from './account.schema.js';
import { countryName } from './countries.js';

const PAGE = 50;
const ListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional().catch(undefined),
  after: z.string().max(254).optional(),
});

export function adminRoutes(deps: Pick<AppDeps, 'accounts'>): Router {
  const router = Router();
  router.use('/admin', requireRole('admin'));

  router.get('/admin', (_req, res) => res.render('admin/index'));

  /** One compact row per account; roles are changed on the account's own page. */
  router.get('/admin/users', async (req, res) => {
    const q = ListQuery.parse(req.query);
    const rows = await deps.accounts.listUsers({
      search: q.q || undefined,
      role: q.role,
      after: q.after,
      limit: PAGE + 1,
    });
    const users = rows.slice(0, PAGE);
    const last = users[users.length - 1];
    const filters = { ...(q.q ? { q: q.q } : {}), ...(q.role ? { role: q.role } : {}) };
    const more =
      rows.length > PAGE && last ? `/admin/users?${new URLSearchParams({ ...filters, after: last.email })}` : null;
    res.render('admin/users', {
      users,
      q: q.q ?? '',
      more,
      paged: !!q.after,
      first: `/admin/users?${new URLSearchParams(filters)}`,
      roleChoices: ROLES.map((r) => ({ role: r, selected: r === q.role })),
    });
  });

  router.get('/admin/users/:id', async (req, res) => {
    const { id } = UserIdParam.parse(req.params);
    const user = await deps.accounts.findUser(id);
    if (!user) throw new NotFoundError('user_not_found', 'No such account.');
    res.render('admin/user', {
      title: user.displayName,
      account: user,
      saved: req.query.saved === '1',
      countryName: countryName(user.country, req.lang),
      roleChoices: ROLES.map((r) => ({ role: r, checked: user.roles.includes(r), locked: r === 'learner' })),
    });
  });

  router.post('/admin/users/:id/roles', async (req, res) => {
    const { id } = UserIdParam.parse(req.params);
    const { roles } = RolesForm.parse(req.body);
    await deps.accounts.setRoles(currentUser(req), id, roles);
    res.redirect(303, `/admin/users/${id}?saved=1`);
  });

  return router;
}
