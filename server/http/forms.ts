import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/**
 * Parses a submitted form. Schema messages are i18n keys, so the re-rendered form speaks the
 * user's language: `{ ok: false, errors: { email: 'validation:email' } }`.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
