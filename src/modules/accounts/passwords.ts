import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes — OWASP's
// minimum recommendation, about 20-40 ms here. The PHC string carries its own parameters, so
// raising the cost later does not break stored hashes.
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    // A malformed stored hash is a failed sign-in, never a 500.
    return false;
  }
}

// Verified against when the email is unknown, so an unknown account costs the same time as a
// wrong password and the answer time does not tell which addresses have accounts.
let dummy: Promise<string> | undefined;
export const dummyHash = (): Promise<string> => (dummy ??= hash('mostrador-dummy-password'));
