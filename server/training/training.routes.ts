import { Router, type Response } from 'express';
import type { AppDeps } from '../deps.js';
import { countryName, countryOptions } from '../accounts/countries.js';
import { currentUser, requireRole } from '../http/auth.js';
import { parseForm, type FieldErrors } from '../http/forms.js';
import { AGE_BANDS, PARTICIPANT_SEXES, type DeliveredSession } from '../store/store.js';
import { CertifyForm, SessionForm, SessionIdParam, UserIdParam, WithdrawForm } from './training.schema.js';

const SESSION_NUMBERS = Array.from({ length: 10 }, (_, i) => i + 1);

/** The sum of some counts of a form or a record; blanks and non-numbers count as 0 (the server check is the schema's). */
const sumOf = (values: Record<string, unknown>, keys: readonly string[]) =>
  keys.reduce((n, k) => n + (Number.parseInt(String(values[k] ?? ''), 10) || 0), 0);

export function trainingRoutes(deps: Pick<AppDeps, 'training'>): Router {
  const router = Router();
  const { training } = deps;
  router.use('/training', requireRole('trainer', 'manager', 'admin'));
  router.use('/training/sessions', requireRole('trainer'));
  router.use('/admin/trainers', requireRole('admin'));

  const renderForm = (
    res: Response,
    status: number,
    values: Record<string, unknown>,
    errors: FieldErrors = {},
    action = '/training/sessions',
  ) => {
    const chosen = new Set((Array.isArray(values.sessions) ? values.sessions : [values.sessions]).map(Number));
    const field = (k: string) => ({
      name: k,
      label: res.locals.t(`training:counts.${k}`),
      value: values[k] ?? '',
      error: errors[k],
    });
    res.status(status).render('training/session-form', {
      title: res.locals.t(action === '/training/sessions' ? 'training:form.newTitle' : 'training:form.editTitle'),
      action,
      values,
      errors,
      hasErrors: Object.keys(errors).length > 0,
      countries: countryOptions(res.locals.lang).map((c) => ({ ...c, selected: c.code === values.country })),
      sessionChoices: SESSION_NUMBERS.map((n) => ({ n, checked: chosen.has(n) })),
      sexFields: PARTICIPANT_SEXES.map(field),
      ageFields: AGE_BANDS.map(field),
      sexTotal: sumOf(values, PARTICIPANT_SEXES),
      ageTotal: sumOf(values, AGE_BANDS),
      today: new Date().toISOString().slice(0, 10),
      scripts: ['/public/js/session-form.js'],
    });
  };
  const formValues = (s: DeliveredSession) => ({ ...s, ...s.counts });
  const listItem = (lang: string) => (s: DeliveredSession) => ({
    ...s,
    countryName: countryName(s.country, lang),
    sessionList: s.sessions.join(', '),
    girls: s.counts.girls,
    boys: s.counts.boys,
    other: s.counts.other,
    total: sumOf(s.counts, PARTICIPANT_SEXES),
    ages: AGE_BANDS.map((band) => ({ band, n: s.counts[band] })),
  });
  /** The running totals above the list: what a trainer reports, and a manager sums. */
  const totalsOf = (sessions: DeliveredSession[]) => ({
    records: sessions.length,
    sessionsDelivered: sessions.reduce((n, s) => n + s.sessions.length, 0),
    reached: sessions.reduce((n, s) => n + sumOf(s.counts, PARTICIPANT_SEXES), 0),
    bySex: PARTICIPANT_SEXES.map((k) => ({ k, n: sessions.reduce((t, s) => t + s.counts[k], 0) })),
    byAge: AGE_BANDS.map((band) => ({ band, n: sessions.reduce((t, s) => t + s.counts[band], 0) })),
  });

  router.get('/training', async (req, res) => {
    const user = currentUser(req);
    const sessions = await training.listSessions(user);
    res.render('training/index', {
      title: req.t('training:title'),
      sessions: sessions.map(listItem(req.lang)),
      totals: totalsOf(sessions),
      trainer: await training.trainer(user.id),
      canRecord: user.roles.includes('trainer'),
      seesAll: user.roles.includes('manager') || user.roles.includes('admin'),
      saved: req.query.saved === '1',
      deleted: req.query.deleted === '1',
    });
  });

  router.get('/training/sessions/new', (_req, res) => renderForm(res, 200, {}));

  router.post('/training/sessions', async (req, res) => {
    const form = parseForm(SessionForm, req.body);
    if (!form.ok) return renderForm(res, 422, req.body, form.errors);
    await training.recordSession(currentUser(req), form.data);
    res.redirect(303, '/training?saved=1');
  });

  router.get('/training/sessions/:id/edit', async (req, res) => {
    const { id } = SessionIdParam.parse(req.params);
    const s = await training.ownSession(currentUser(req), id);
    renderForm(res, 200, formValues(s), {}, `/training/sessions/${id}`);
  });

  router.post('/training/sessions/:id', async (req, res) => {
    const { id } = SessionIdParam.parse(req.params);
    const form = parseForm(SessionForm, req.body);
    if (!form.ok) return renderForm(res, 422, req.body, form.errors, `/training/sessions/${id}`);
    await training.updateSession(currentUser(req), id, form.data);
    res.redirect(303, '/training?saved=1');
  });

  router.post('/training/sessions/:id/delete', async (req, res) => {
    const { id } = SessionIdParam.parse(req.params);
    await training.deleteSession(currentUser(req), id);
    res.redirect(303, '/training?deleted=1');
  });

  const renderTrainers = async (
    res: Response,
    status: number,
    values: Record<string, unknown> = {},
    errors: FieldErrors = {},
  ) => {
    const trainers = await training.listTrainersWithUsers();
    res.status(status).render('training/trainers', {
      title: res.locals.t('training:trainers.title'),
      values,
      errors,
      hasErrors: Object.keys(errors).length > 0,
      saved: res.req.query.saved === '1',
      trainers: trainers.map(({ trainer: t, user }) => ({
        ...t,
        name: user?.displayName ?? '',
        email: user?.email ?? '',
        countryName: countryName(t.country, res.locals.lang),
      })),
    });
  };

  router.get('/admin/trainers', (_req, res) => renderTrainers(res, 200));

  router.post('/admin/trainers', async (req, res) => {
    const form = parseForm(CertifyForm, req.body);
    if (!form.ok) return renderTrainers(res, 422, req.body, form.errors);
    try {
      await training.certify(currentUser(req), form.data.email, form.data.reason);
    } catch (err) {
      if ((err as { code?: string }).code === 'user_not_found')
        return renderTrainers(res, 422, req.body, { email: 'training:errors.unknownEmail' });
      throw err;
    }
    res.redirect(303, '/admin/trainers?saved=1');
  });

  router.post('/admin/trainers/:userId/withdraw', async (req, res) => {
    const { userId } = UserIdParam.parse(req.params);
    const form = parseForm(WithdrawForm, req.body);
    if (!form.ok) return renderTrainers(res, 422, {}, { [`withdraw-${userId}`]: form.errors.reason ?? '' });
    await training.withdraw(currentUser(req), userId, form.data.reason);
    res.redirect(303, '/admin/trainers?saved=1');
  });

  return router;
}
