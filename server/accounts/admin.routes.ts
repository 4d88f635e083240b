import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps.js';
import { currentUser, requireRole } from '../http/auth.js';
import { ROLES } from '../store/store.js';
import { RolesForm, UserIdParam } from './account.schema.js';

const PAGE = 50;
const ListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  after: z.string().max(254).optional(),
});

export function adminRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/admin', requireRole('admin'));

  router.get('/admin', (_req, res) => res.render('admin/index'));

  router.get('/admin/users', async (req, res) => {
    const q = ListQuery.parse(req.query);
    const rows = await deps.accounts.listUsers({ search: q.q || undefined, after: q.after, limit: PAGE + 1 });
    const users = rows.slice(0, PAGE).map((u) => ({
      ...u,
      roleChoices: ROLES.map((r) => ({ role: r, checked: u.roles.includes(r), locked: r === 'learner' })),
    }));
    const more = rows.length > PAGE ? `/admin/users?${new URLSearchParams({ ...(q.q ? { q: q.q } : {}), after: users[users.length - 1].email })}` : null;
    res.render('admin/users', { users, q: q.q ?? '', more, saved: req.query.saved === '1' });
  });

  router.post('/admin/users/:id/roles', async (req, res) => {
    const { id } = UserIdParam.parse(req.params);
    const { roles } = RolesForm.parse(req.body);
    await deps.accounts.setRoles(currentUser(req), id, roles);
    res.redirect(303, '/admin/users?saved=1');
  });

  return router;
}
