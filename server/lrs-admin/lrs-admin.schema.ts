import { z } from 'zod';
import { LRS_SCOPES } from '../store/store.js';

// Messages are i18n keys, so the pages re-render in the administrator's language.
const optional = (schema: z.ZodType) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'lrsadmin:error.date')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'lrsadmin:error.date');

export const ClientForm = z.object({
  name: z.string({ error: 'validation:required' }).trim().min(1, 'validation:required').max(120, 'validation:tooLong'),
  scopes: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(LRS_SCOPES, { error: 'validation:choose' })).min(1, 'lrsadmin:error.scopes'),
  ),
});

/** A limit field: empty for the platform default, else a whole number (0 allowed only where it means "no limit"). */
const limitField = (min: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ error: 'lrsadmin:error.limit' })
      .int('lrsadmin:error.limit')
      .min(min, 'lrsadmin:error.limit')
      .max(2 ** 31, 'lrsadmin:error.limit')
      .optional(),
  );

export const LimitsForm = z.object({
  bodyBytes: limitField(1),
  statementBytes: limitField(1),
  batchSize: limitField(1),
  requestsPerMinute: limitField(0),
});

export const ClientKeyParam = z.object({ key: z.string().regex(/^[0-9a-f]{24}$/, 'validation:id') });

/** The statement viewer's filters, as a GET form sends them (empty fields are absent). */
export const ViewerQuery = z
  .object({
    learner: optional(
      z
        .string()
        .trim()
        .toLowerCase()
        .max(254)
        .pipe(z.email({ error: 'validation:email' })),
    ),
    verb: optional(
      z
        .string()
        .trim()
        .max(300)
        .regex(/^([a-z-]+|[a-z][a-z0-9+.-]*:\S+)$/i, 'lrsadmin:error.verb'),
    ),
    course: optional(
      z
        .string()
        .trim()
        .max(300)
        .regex(/^([a-z0-9-]+|[a-z][a-z0-9+.-]*:\S+)$/i, 'lrsadmin:error.course'),
    ),
    since: optional(day),
    until: optional(day),
    after: optional(z.coerce.number().int().positive('validation:id')),
  })
  .refine((q) => !q.since || !q.until || (q.since as string) <= (q.until as string), {
    path: ['until'],
    message: 'lrsadmin:error.period',
  });
export type ViewerInput = z.infer<typeof ViewerQuery>;

export const StatementIdParam = z.object({ id: z.uuid({ error: 'validation:id' }) });

export const ErasureLookup = z.object({
  email: z
    .string({ error: 'validation:required' })
    .trim()
    .toLowerCase()
    .min(1, 'validation:required')
    .pipe(z.email({ error: 'validation:email' })),
});

export const ErasureConfirm = z.object({
  confirm: z.string({ error: 'validation:required' }).trim().toLowerCase().min(1, 'validation:required'),
});

export const UserIdParam = z.object({ id: z.uuid({ error: 'validation:id' }) });
