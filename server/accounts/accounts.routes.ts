import { Router, type Request, type Response, type NextFunction } from 'express';
import type passport from 'passport';
import type { AppDeps } from '../deps.js';
import { currentUser, requireUser, safeNext } from '../http/auth.js';
import { parseForm, type FieldErrors } from '../http/forms.js';
import { emailFromBody, limiter } from '../http/security.js';
import type { UserRecord } from '../store/store.js';
import { FieldError } from './account-service.js';
import { ChangePasswordForm, ForgotForm, ProfileForm, RegisterForm, ResetForm, SignInForm } from './account.schema.js';
import { profileOptions } from './profile-options.js';

const FIFTEEN_MIN = 15 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

export function accountRoutes(deps: Pick<AppDeps, 'accounts' | 'config'>, auth: passport.PassportStatic): Router {
  const router = Router();
  const { accounts } = deps;
  const enabled = deps.config.RATE_LIMIT;
  const signInLimits = [
    limiter({ enabled, windowMs: FIFTEEN_MIN, limit: 20 }),
    limiter({ enabled, windowMs: FIFTEEN_MIN, limit: 5, key: emailFromBody }),
  ];
  const registerLimits = [limiter({ enabled, windowMs: HOUR, limit: 10 })];
  const resetLimits = [
    limiter({ enabled, windowMs: HOUR, limit: 10 }),
    limiter({ enabled, windowMs: HOUR, limit: 3, key: emailFromBody }),
  ];

  const renderForm = (
    res: Response,
    view: string,
    status: number,
    values: Record<string, unknown>,
    errors: FieldErrors = {},
  ) => {
    const { password: _p, passwordConfirm: _c, currentPassword: _cp, ...safe } = values;
    res.status(status).render(view, {
      values: safe,
      errors,
      hasErrors: Object.keys(errors).length > 0,
      ...profileOptions(res.locals.t, res.locals.lang, safe),
    });
  };
  const signIn = (req: Request, user: UserRecord) =>
    new Promise<void>((resolve, reject) => req.logIn(user, (err) => (err ? reject(err) : resolve())));

  router.get('/register', (req, res) => renderForm(res, 'accounts/register', 200, { language: req.lang }));

  router.post('/register', ...registerLimits, async (req, res) => {
    const form = parseForm(RegisterForm, req.body);
    if (!form.ok) return renderForm(res, 'accounts/register', 422, req.body, form.errors);
    try {
      const { passwordConfirm: _c, ...input } = form.data;
      const user = await accounts.register(input);
      await signIn(req, user);
      res.redirect(303, '/');
    } catch (err) {
      if (err instanceof FieldError)
        return renderForm(res, 'accounts/register', 422, req.body, { [err.field]: err.key });
      // A generic answer: the page does not confirm that an address is already registered.
      if ((err as { code?: string }).code === 'email_taken')
        return renderForm(res, 'accounts/register', 422, req.body, { email: 'validation:emailUnavailable' });
      throw err;
    }
  });

  router.get('/signin', (req, res) => renderForm(res, 'accounts/signin', 200, { next: safeNext(req.query.next, '') }));

  router.post('/signin', ...signInLimits, (req: Request, res: Response, next: NextFunction) => {
    const form = parseForm(SignInForm, req.body);
    if (!form.ok) return renderForm(res, 'accounts/signin', 422, req.body, form.errors);
    auth.authenticate('local', (err: unknown, user: UserRecord | false) => {
      if (err) return next(err);
      if (!user) return renderForm(res, 'accounts/signin', 422, req.body, { _form: 'accounts:signin.failed' });
      signIn(req, user).then(() => res.redirect(303, safeNext(form.data.next, '/my')), next);
    })(req, res, next);
  });

  router.post('/signout', (req, res, next) => {
    req.logOut((err) => {
      if (err) return next(err);
      req.session.destroy(() => {
        res.clearCookie('praxis.sid');
        // Shared phones: lessons saved for offline reading and queued progress leave with the learner.
        res.set('Clear-Site-Data', '"cache", "storage"');
        res.redirect(303, '/');
      });
    });
  });

  router.get('/profile', requireUser, (req, res) =>
    renderForm(res, 'accounts/profile', 200, { ...currentUser(req), saved: req.query.saved === '1' }),
  );

  router.post('/profile', requireUser, async (req, res) => {
    const form = parseForm(ProfileForm, req.body);
    if (!form.ok)
      return renderForm(res, 'accounts/profile', 422, { ...req.body, email: currentUser(req).email }, form.errors);
    await accounts.updateProfile(currentUser(req), form.data);
    res.redirect(303, '/profile?saved=1');
  });

  router.get('/profile/password', requireUser, (req, res) =>
    renderForm(res, 'accounts/password', 200, { saved: req.query.saved === '1' }),
  );

  router.post('/profile/password', requireUser, async (req, res) => {
    const form = parseForm(ChangePasswordForm, req.body);
    if (!form.ok) return renderForm(res, 'accounts/password', 422, {}, form.errors);
    try {
      await accounts.changePassword(currentUser(req), form.data.currentPassword, form.data.password, req.sessionID);
    } catch (err) {
      if (err instanceof FieldError) return renderForm(res, 'accounts/password', 422, {}, { [err.field]: err.key });
      throw err;
    }
    res.redirect(303, '/profile/password?saved=1');
  });

  router.get('/forgot-password', (req, res) =>
    renderForm(res, 'accounts/forgot', 200, { sent: req.query.sent === '1' }),
  );

  router.post('/forgot-password', ...resetLimits, async (req, res) => {
    const form = parseForm(ForgotForm, req.body);
    if (!form.ok) return renderForm(res, 'accounts/forgot', 422, req.body, form.errors);
    await accounts.requestPasswordReset(form.data.email);
    res.redirect(303, '/forgot-password?sent=1');
  });

  router.get('/reset-password', (req, res) =>
    renderForm(res, 'accounts/reset', 200, { token: typeof req.query.token === 'string' ? req.query.token : '' }),
  );

  router.post('/reset-password', ...resetLimits, async (req, res) => {
    const form = parseForm(ResetForm, req.body);
    if (!form.ok) return renderForm(res, 'accounts/reset', 422, { token: req.body?.token }, form.errors);
    try {
      await accounts.resetPassword(form.data.token, form.data.password);
    } catch (err) {
      if (err instanceof FieldError)
        return renderForm(res, 'accounts/reset', 422, { token: form.data.token }, { [err.field]: err.key });
      if ((err as { code?: string }).code === 'reset_token_invalid')
        return renderForm(res, 'accounts/reset', 400, { token: '' }, { _form: 'accounts:reset.invalid' });
      throw err;
    }
    res.redirect(303, '/signin?reset=1');
  });

  return router;
}
