// Forms check with the API's own zod schemas before sending, and show each message under its
// field. The API's messages start with the field name ("email: correo no válido"); the panel
// shows the part after it, since the label already says which field it is.
import type { z } from 'zod';
import { ApiError } from './api.ts';

export type FieldErrors = Record<string, string>;

const withoutField = (message: string) => message.replace(/^[A-Za-z0-9_.[\]]+: /, '');

/** Parsed data, or the first message per field (path joined with dots). */
export function validate<S extends z.ZodType>(schema: S, values: unknown): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (!errors[key]) errors[key] = withoutField(issue.message);
  }
  return { ok: false, errors };
}

/** A refused request's field messages (400 VALIDATION issues), plus the general one under "_". */
export function errorsFromApi(err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return { _: 'Algo salió mal. Intenta de nuevo en un momento.' };
  const errors: FieldErrors = {};
  for (const issue of err.issues) if (issue.path && !errors[issue.path]) errors[issue.path] = withoutField(issue.message);
  errors._ = Object.keys(errors).length > 0 ? 'Revisa los campos marcados.' : err.message;
  return errors;
}
