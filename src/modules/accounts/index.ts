// What other modules may use from accounts: the access resolution the API routes run on, the
// rows a new company is created with, and the services the composition root wires.
export { createAccountsRepository, insertCompanyAccessRows, type AccountsRepository, type Role } from './accounts.repository.ts';
export { createApiAccess, SESSION_COOKIE } from './api-access.ts';
export { createApiKeysService, issueApiKey, FIRST_API_KEY_NAME, type ApiKeysService } from './api-keys.ts';
export { createAuthService, DEFAULT_AUTH_SETTINGS, type AuthService, type AuthSettings } from './auth.service.ts';
export { createTeamService, type TeamService, type SeatCheck } from './team.service.ts';
export { createMailer, type Mailer, type Mail } from './mailer.ts';
export { createAccountsRouter } from './accounts.routes.ts';
export { API_KEY_PREFIX } from './secret-tokens.ts';
