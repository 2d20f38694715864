import { z } from 'zod';

// Requests and answers of the accounts API. Answers describe the JSON on the wire (dates as
// ISO strings); they are the OpenAPI document's schemas too.

export const emailSchema = z
  .string('email: correo electrónico requerido')
  .trim()
  .max(254, 'email: máximo 254 caracteres')
  .pipe(z.email('email: correo electrónico no válido'))
  .transform((v) => v.toLowerCase());

// Long enough to resist guessing; bounded so a megabyte "password" cannot make argon2 a DoS.
export const passwordSchema = z
  .string('password: contraseña requerida')
  .min(8, 'password: al menos 8 caracteres')
  .max(200, 'password: máximo 200 caracteres');

const personName = z.string('name: tu nombre').trim().min(1, 'name: tu nombre').max(80, 'name: máximo 80 caracteres');
const token = (field: string) => z.string(`${field}: el código del enlace`).min(10, `${field}: el código del enlace`).max(200, `${field}: el código del enlace`);
const role = z.enum(['owner', 'staff'], 'role: owner o staff');
const isoDate = z.string().describe('ISO 8601');

export const registerBody = z.strictObject({ email: emailSchema, name: personName, password: passwordSchema });
export const loginBody = z.strictObject({ email: emailSchema, password: z.string('password: contraseña requerida').min(1, 'password: contraseña requerida').max(200, 'password: máximo 200 caracteres') });
export const changePasswordBody = z.strictObject({
  currentPassword: z.string('currentPassword: tu contraseña actual').min(1, 'currentPassword: tu contraseña actual').max(200, 'currentPassword: máximo 200 caracteres'),
  newPassword: passwordSchema,
});
export const resetRequestBody = z.strictObject({ email: emailSchema });
export const resetConfirmBody = z.strictObject({ token: token('token'), password: passwordSchema });
export const invitationTokenBody = z.strictObject({ token: token('token') });
export const acceptInvitationBody = z.strictObject({ token: token('token'), name: personName.optional(), password: passwordSchema.optional() });
export const inviteBody = z.strictObject({ email: emailSchema, role: role.default('staff') });
export const apiKeyBody = z.strictObject({ name: z.string('name: un nombre para reconocer la clave').trim().min(1, 'name: un nombre para reconocer la clave').max(60, 'name: máximo 60 caracteres') });

export const slugParams = z.object({ slug: z.string() });
export const memberParams = z.object({ slug: z.string(), userId: z.uuid('userId: identificador de usuario no válido') });
export const idParams = z.object({ slug: z.string(), id: z.uuid('id: identificador no válido') });

export const userSchema = z.object({ id: z.uuid(), email: z.string(), name: z.string(), platformAdmin: z.boolean() });
export const sessionSchema = z.object({
  user: userSchema,
  token: z.string().describe('Bearer token for API clients (the panel uses the httpOnly cookie set with it)'),
  csrfToken: z.string().describe('Send it back in x-csrf-token on POST/PUT/PATCH/DELETE made with the cookie'),
  expiresAt: isoDate,
});
export const meSchema = z.object({
  user: userSchema,
  csrfToken: z.string().nullable().describe('For cookie sessions; null with a Bearer token'),
  companies: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string(), status: z.string(), role })),
});
export const messageSchema = z.object({ message: z.string() });
export const memberSchema = z.object({ userId: z.uuid(), email: z.string(), name: z.string(), role, since: isoDate });
export const invitationSchema = z.object({ id: z.uuid(), email: z.string(), role, createdAt: isoDate, expiresAt: isoDate });
export const invitationPreviewSchema = z.object({ company: z.object({ slug: z.string(), name: z.string() }), email: z.string(), role, expiresAt: isoDate });
export const acceptedSchema = z.object({
  company: z.object({ slug: z.string(), name: z.string() }),
  role,
  session: z.object({ token: z.string(), csrfToken: z.string(), expiresAt: isoDate }).nullable().describe('A new account is signed in at once'),
});
export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('The first characters, to recognise it'),
  createdAt: isoDate,
  createdBy: z.string().nullable(),
  lastUsedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
  active: z.boolean(),
});
