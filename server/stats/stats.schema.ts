import { z } from 'zod';
import { isCountryCode } from '../accounts/countries.js';
import { LANGUAGES } from '../http/i18n.js';
import { SECTORS, SEXES } from '../store/store.js';

const blank = (v: unknown) => (v === '' || v === undefined ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blank, s.optional());

/** Dashboard filters from the query string. Counters are monthly, so custom periods are runs of months. */
export const PRESETS = ['this-year', 'last-year', 'last-quarter', 'last-12-months'] as const;
export type Preset = (typeof PRESETS)[number];
export const StatsQuery = z.object({
  /** A fixed period (year, quarter, month, custom run of months) or a preset relative to today, so a shared link stays current. */
  period: z.enum(['year', 'quarter', 'month', 'custom', ...PRESETS]).default('year'),
  year: opt(z.coerce.number().int().min(2000).max(2100)),
  quarter: opt(z.coerce.number().int().min(1).max(4)),
  month: opt(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'stats:errors.month')),
  from: opt(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'stats:errors.month')),
  to: opt(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'stats:errors.month')),
  course: opt(z.string().regex(/^[a-z0-9-]{1,80}$/, 'stats:errors.course')),
  country: opt(z.string().toUpperCase().refine(isCountryCode, 'validation:country')),
  sex: opt(z.enum(SEXES)),
  sector: opt(z.enum(SECTORS)),
});
export type StatsQueryInput = z.infer<typeof StatsQuery>;

export const TABLES = [
  'overview',
  'courses',
  'modules',
  'countries',
  'sexes',
  'sectors',
  'months',
  'cascade',
  'reached',
  'sessions',
] as const;
export type TableName = (typeof TABLES)[number];
export const TableParam = z.object({ table: z.enum(TABLES) });

export const ReportQuery = z.object({
  year: opt(z.coerce.number().int().min(2000).max(2100)),
  lang: opt(z.enum(LANGUAGES)),
});
