import type { TFunction } from 'i18next';
import { LANGUAGES, LANGUAGE_NAMES } from '../http/i18n.js';
import { SECTORS, SEXES } from '../store/store.js';
import { countryOptions } from './countries.js';

/** Select-list options for the profile fields, labelled in the reader's language and marked selected. */
export function profileOptions(t: TFunction, lang: string, values: Record<string, unknown> = {}) {
  return {
    countries: countryOptions(lang).map((c) => ({ ...c, selected: c.code === values.country })),
    sexes: SEXES.map((code) => ({ code, name: t(`accounts:sex.${code}`), selected: code === values.sex })),
    sectors: SECTORS.map((code) => ({ code, name: t(`accounts:sector.${code}`), selected: code === values.sector })),
    languages: LANGUAGES.map((code) => ({
      code,
      name: LANGUAGE_NAMES[code],
      selected: code === (values.language ?? lang),
    })),
  };
}
