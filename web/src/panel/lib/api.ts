// The panel's one door to the API: same-origin fetch with the session cookie, JSON in and out,
// the CSRF header on unsafe methods, and the API's Spanish error message in ApiError.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
/** Set from /auth/me, login, registration or an accepted invitation. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener | null = null;
/** The session provider learns here that the session ended (a 401 on any call but /auth/*). */
export function setUnauthorizedListener(listener: UnauthorizedListener | null): void {
  onUnauthorized = listener;
}

export const apiUrl = (path: string): string => (path.startsWith('/') ? path : `/${path}`);

export type ApiInit = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Multipart upload (photos, CSV); the browser sets its content type. */
  form?: FormData;
  /** Raw body with its own content type (CSV text). */
  raw?: { body: BodyInit; contentType: string };
};

const NETWORK_MESSAGE = 'No pudimos conectarnos con el servidor. Revisa tu conexión e intenta de nuevo.';

export async function apiFetch<T>(path: string, init: ApiInit = {}): Promise<T> {
  const method = init.method ?? (init.body !== undefined || init.form || init.raw ? 'POST' : 'GET');
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (init.form) body = init.form;
  else if (init.raw) {
    body = init.raw.body;
    headers['content-type'] = init.raw.contentType;
  } else if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path), { method, headers, body, credentials: 'same-origin', signal: init.signal });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const error = (json as { error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } } | undefined)?.error;
    if (res.status === 401 && !path.startsWith('/auth/')) onUnauthorized?.();
    throw new ApiError(res.status, error?.code ?? 'HTTP', error?.message ?? fallbackMessage(res.status), error?.issues ?? []);
  }
  return json as T;
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Tu sesión terminó. Vuelve a ingresar.';
  if (status === 403) return 'No tienes permiso para hacer esto.';
  if (status === 404) return 'No encontrado.';
  if (status === 429) return 'Demasiados intentos. Espera un momento y vuelve a probar.';
  return 'Algo salió mal. Intenta de nuevo en un momento.';
}

/** The message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Algo salió mal. Intenta de nuevo en un momento.';
}
