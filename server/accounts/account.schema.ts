import { z } from 'zod';
import { LANGUAGES } from '../http/i18n.js';
import { ROLES, SECTORS, SEXES } from '../store/store.js';
import { isCountryCode } from './countries.js';

// Messages are i18n keys (namespace "validation"), so forms re-render in the user's language.
const email = z
  .string({ error: 'validation:required' })
  .trim()
  .toLowerCase()
  .min(1, 'validation:required')
  .max(254, 'validation:email')
  .pipe(z.email({ error: 'validation:email' }));

export const ProfileForm = z.object({
  displayName: z
    .string({ error: 'validation:required' })
    .trim()
    .min(1, 'validation:required')
    .max(120, 'validation:tooLong'),
  country: z.string({ error: 'validation:country' }).trim().toUpperCase().refine(isCountryCode, 'validation:country'),
  sex: z.enum(SEXES, { error: 'validation:choose' }),
  sector: z.enum(SECTORS, { error: 'validation:choose' }),
  organisation: z.string().trim().max(200, 'validation:tooLong').default(''),
  language: z.enum(LANGUAGES, { error: 'validation:choose' }),
});
export type ProfileInput = z.infer<typeof ProfileForm>;

export const RegisterForm = ProfileForm.extend({
  email,
  password: z.string({ error: 'validation:required' }).min(1, 'validation:required'),
  passwordConfirm: z.string({ error: 'validation:required' }),
}).refine((v) => v.password === v.passwordConfirm, {
  path: ['passwordConfirm'],
  message: 'validation:password.mismatch',
});
export type RegisterInput = z.infer<typeof RegisterForm>;

export const SignInForm = z.object({
  email: z.string({ error: 'validation:required' }).trim().toLowerCase().min(1, 'validation:required'),
  password: z.string({ error: 'validation:required' }).min(1, 'validation:required'),
  next: z.string().optional(),
});

export const ChangePasswordForm = z
  .object({
    currentPassword: z.string({ error: 'validation:required' }).min(1, 'validation:required'),
    password: z.string({ error: 'validation:required' }).min(1, 'validation:required'),
    passwordConfirm: z.string({ error: 'validation:required' }),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ['passwordConfirm'],
    message: 'validation:password.mismatch',
  });

export const ForgotForm = z.object({ email });

export const ResetForm = z
  .object({
    token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'validation:token'),
    password: z.string({ error: 'validation:required' }).min(1, 'validation:required'),
    passwordConfirm: z.string({ error: 'validation:required' }),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ['passwordConfirm'],
    message: 'validation:password.mismatch',
  });

export const RolesForm = z.object({
  roles: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(ROLES, { error: 'validation:choose' })),
  ),
});

export const UserIdParam = z.object({ id: z.uuid({ error: 'validation:id' }) });
