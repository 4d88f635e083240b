import { z } from 'zod';
import { LANGUAGES } from '../http/i18n.js';

export const CertificateIdParam = z.object({ id: z.uuid({ error: 'validation:id' }) });

export const LanguageQuery = z.object({ lang: z.enum(LANGUAGES).optional().catch(undefined) });

/** A code as typed: anything up to 64 characters; the service decides, the same way, whether it can be one. */
export const CodeInput = z.string().max(64).catch('');

export const AdminSearchQuery = z.object({ q: z.string().trim().max(254).optional().catch(undefined) });

export const RevokeForm = z.object({
  reason: z
    .string({ error: 'validation:required' })
    .trim()
    .min(1, 'validation:required')
    .max(500, 'validation:tooLong'),
  q: z.string().max(254).optional(),
});

export const ReinstateForm = z.object({
  note: z.string().trim().max(500, 'validation:tooLong').default(''),
  q: z.string().max(254).optional(),
});

export const CredentialForm = z.object({ credential: z.string().max(100_000).optional() });
