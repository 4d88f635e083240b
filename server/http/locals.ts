import type { RequestHandler } from 'express';
import type { i18n, TFunction } from 'i18next';
import { LANGUAGES, LANGUAGE_NAMES, RTL_LANGUAGES, isLanguage, negotiateLanguage, type Language } from './i18n.js';

export const LANG_COOKIE = 'praxis_lang';

/** Language: the switcher's choice (cookie), then the signed-in user's preference, then Accept-Language. */
export function languageOf(req: Parameters<RequestHandler>[0]): Language {
  const cookie = req.cookies?.[LANG_COOKIE];
  if (isLanguage(cookie)) return cookie;
  const pref = (req.user as { language?: string } | undefined)?.language;
  if (isLanguage(pref)) return pref;
  return negotiateLanguage(req.get('accept-language')) ?? 'en';
}

export function localsMiddleware(i18n: i18n, programmeName: string): RequestHandler {
  return (req, res, next) => {
    applyLocals(req, res, i18n, programmeName);
    next();
  };
}

/** One translate function per language and i18n instance, so the view helper can remember its answers. */
const fixedTs = new WeakMap<i18n, Map<string, TFunction>>();
function fixedT(i18n: i18n, lang: Language): TFunction {
  let byLang = fixedTs.get(i18n);
  if (!byLang) fixedTs.set(i18n, (byLang = new Map()));
  let t = byLang.get(lang);
  if (!t) byLang.set(lang, (t = i18n.getFixedT(lang)));
  return t;
}

/** Also called by the error handler, for errors raised before this middleware ran (e.g. the session store is down). */
export function applyLocals(
  req: Parameters<RequestHandler>[0],
  res: Parameters<RequestHandler>[1],
  i18n: i18n,
  programmeName: string,
): void {
  {
    const lang = languageOf(req);
    const t = fixedT(i18n, lang);
    req.lang = lang;
    req.t = t;
    res.locals.lang = lang;
    res.locals.dir = RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
    res.locals.t = t;
    res.locals.programmeName = programmeName;
    res.locals.currentPath = req.originalUrl;
    res.locals.query = req.query;
    res.locals.languages = LANGUAGES.map((code) => ({
      code,
      name: LANGUAGE_NAMES[code],
      current: code === lang,
      href: `/lang/${code}?next=${encodeURIComponent(req.originalUrl)}`,
    }));
    res.vary('Accept-Language');
  }
}
