import type { Request, RequestHandler, Response } from 'express';

/**
 * One-shot notices after a form post whose destination page does not say what happened (signing in or out,
 * registering, a lesson marked done). A 60-second cookie rather than the session: signing out destroys the
 * session, and anonymous visitors get none. The next page shows it once (layout) and clears it.
 */
export const NOTICES = ['signedIn', 'signedOut', 'registered', 'lessonDone'] as const;
export type Notice = (typeof NOTICES)[number];
export const NOTICE_COOKIE = 'praxis_notice';
const isNotice = (v: unknown): v is Notice => typeof v === 'string' && (NOTICES as readonly string[]).includes(v);

export function setNotice(req: Request, res: Response, notice: Notice): void {
  res.cookie(NOTICE_COOKIE, notice, { maxAge: 60_000, httpOnly: true, sameSite: 'lax', secure: req.secure });
}

export const noticeMiddleware: RequestHandler = (req, res, next) => {
  const value: unknown = req.cookies?.[NOTICE_COOKIE];
  if (value === undefined) return next();
  // Only pages take the notice: a request for data (fetch, API) must not swallow it before the page shows it.
  if (req.method !== 'GET' || !req.accepts('html')) return next();
  if (isNotice(value)) res.locals.notice = value;
  res.clearCookie(NOTICE_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure });
  next();
};
