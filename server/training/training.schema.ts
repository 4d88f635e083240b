import { z } from 'zod';
import { isCountryCode } from '../accounts/countries.js';
import { AGE_BANDS, PARTICIPANT_SEXES } from '../store/store.js';

// Messages are i18n keys, so the form re-renders in the trainer's language.
const count = z.preprocess(
  (v) => (v === '' || v === undefined ? 0 : v),
  z.coerce
    .number({ error: 'training:errors.count' })
    .int('training:errors.count')
    .min(0, 'training:errors.count')
    .max(500, 'training:errors.count'),
);
const today = () => new Date().toISOString().slice(0, 10);
const isRealDate = (s: string) =>
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

export const SessionForm = z
  .object({
    date: z
      .string({ error: 'training:errors.date' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'training:errors.date')
      .refine(isRealDate, 'training:errors.date')
      .refine((d) => d <= today(), 'training:errors.future'),
    country: z.string({ error: 'validation:country' }).trim().toUpperCase().refine(isCountryCode, 'validation:country'),
    town: z
      .string({ error: 'validation:required' })
      .trim()
      .min(1, 'validation:required')
      .max(120, 'validation:tooLong'),
    venue: z.string().trim().max(200, 'validation:tooLong').default(''),
    sessions: z
      .preprocess(
        (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
        z
          .array(z.coerce.number().int().min(1, 'training:errors.sessions').max(10, 'training:errors.sessions'))
          .min(1, 'training:errors.sessions'),
      )
      .transform((list) => [...new Set(list)].sort((a, b) => a - b)),
    ...(Object.fromEntries([...PARTICIPANT_SEXES, ...AGE_BANDS].map((k) => [k, count])) as Record<
      (typeof PARTICIPANT_SEXES)[number] | (typeof AGE_BANDS)[number],
      typeof count
    >),
    notes: z.string().trim().max(2000, 'validation:tooLong').default(''),
  })
  .superRefine((v, ctx) => {
    const bySex = PARTICIPANT_SEXES.reduce((n, k) => n + v[k], 0);
    const byAge = AGE_BANDS.reduce((n, k) => n + v[k], 0);
    if (bySex === 0) ctx.addIssue({ code: 'custom', path: ['girls'], message: 'training:errors.noParticipants' });
    else if (bySex !== byAge) ctx.addIssue({ code: 'custom', path: ['under13'], message: 'training:errors.ageTotal' });
  });
export type SessionInput = z.infer<typeof SessionForm>;

export const SessionIdParam = z.object({ id: z.uuid() });
export const UserIdParam = z.object({ userId: z.uuid() });
export const CertifyForm = z.object({
  email: z.string({ error: 'validation:required' }).trim().toLowerCase().min(1, 'validation:required'),
  reason: z
    .string({ error: 'validation:required' })
    .trim()
    .min(3, 'training:errors.reason')
    .max(500, 'validation:tooLong'),
});
export const WithdrawForm = z.object({
  reason: z
    .string({ error: 'validation:required' })
    .trim()
    .min(3, 'training:errors.reason')
    .max(500, 'validation:tooLong'),
});
