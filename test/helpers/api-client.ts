import { randomBytes } from 'node:crypto';

export type Reply = { status: number; text: string; json: Record<string, any>; headers: Headers };

export type CallOptions = {
  method?: string;
  /** Bearer: a session token (mss_…), a company API key (mst_…) or the platform admin token. */
  token?: string;
  /** The session cookie value, as a browser would send it. */
  cookie?: string;
  csrf?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
};

/** Real HTTP against a running platform, as an API client or a browser would call it. */
export function apiClient(baseUrl: () => string) {
  return async function call(path: string, opts: CallOptions = {}): Promise<Reply> {
    const hasBody = opts.raw !== undefined || opts.body !== undefined;
    const res = await fetch(`${baseUrl()}${path}`, {
      method: opts.method ?? 'GET',
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.cookie ? { cookie: `mostrador_session=${opts.cookie}` } : {}),
        ...(opts.csrf ? { 'x-csrf-token': opts.csrf } : {}),
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await res.text();
    let json: Record<string, any> = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = {};
    }
    return { status: res.status, text, json, headers: res.headers };
  };
}

export type Call = ReturnType<typeof apiClient>;

export type SignedIn = { userId: string; email: string; name: string; password: string; token: string; csrfToken: string; cookie: string };

/** The session cookie a response set (its value). */
export const sessionCookieOf = (reply: Reply) => /mostrador_session=([^;]+)/.exec(reply.headers.get('set-cookie') ?? '')?.[1];

export const newEmail = (label = 'persona') => `${label}.${randomBytes(5).toString('hex')}@ejemplo.mx`;

/** A new account through POST /auth/register, signed in. */
export async function register(call: Call, opts: { email?: string; name?: string; password?: string } = {}): Promise<SignedIn> {
  const email = opts.email ?? newEmail();
  const name = opts.name ?? 'Ana Pérez';
  const password = opts.password ?? `clave-${randomBytes(6).toString('hex')}`;
  const res = await call('/auth/register', { method: 'POST', body: { email, name, password } });
  if (res.status !== 201) throw new Error(`register answered ${res.status}: ${res.text}`);
  return { userId: res.json.user.id, email: email.toLowerCase(), name, password, token: res.json.token, csrfToken: res.json.csrfToken, cookie: sessionCookieOf(res)! };
}
