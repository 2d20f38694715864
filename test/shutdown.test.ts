import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canConnect } from '../src/platform/db/pools.ts';
import { createFileDatabase } from './helpers/platform.ts';
import { freePort } from './helpers/net.ts';
import { answers, startServerProcess, type LogLine } from './helpers/server-process.ts';
import { newPhoneNumberId } from './helpers/db.ts';
import { APP_SECRET, inboundPayload, postWebhook } from './helpers/meta-client.ts';

// The platform as `npm start` runs it, stopped the ways it is stopped in real life: SIGTERM from
// a supervisor, Ctrl-C in a terminal (SIGINT to the whole foreground process group), and its npm
// parent killed outright.

const NPM_START = ['npm', 'run', 'start', '--ignore-scripts', '--silent'];
const ERROR = 50;
const databases: { drop(): Promise<void> }[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const d of databases) await d.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function baseEnv(extra: Record<string, string> = {}) {
  const port = await freePort();
  return {
    port,
    env: { NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'false', CHECK_CHANNELS_ON_START: 'false', WORKER_CONCURRENCY: '2', DATABASE_POOL_SIZE: '4', ...extra },
  };
}

async function withDatabase(extra: Record<string, string> = {}) {
  const db = await createFileDatabase();
  databases.push(db);
  return baseEnv({ DATABASE_URL: db.url, ...extra });
}

const started = (l: LogLine) => l.msg === 'Mostrador started';
const names = (lines: LogLine[]) => lines.map((l) => l.msg);

/** What every clean stop looks like: one "shutting down", then "stopped" last, and no error line. */
function expectCleanStop(lines: LogLine[], stderr: string, reason: string | RegExp) {
  const stopping = lines.filter((l) => l.msg === 'shutting down');
  expect(stopping, names(lines).join('\n')).toHaveLength(1);
  expect(String(stopping[0]!.reason)).toMatch(reason);
  expect(lines.at(-1)?.msg).toBe('stopped');
  expect(lines.filter((l) => (l.level ?? 0) >= ERROR), JSON.stringify(lines)).toEqual([]);
  expect(stderr).not.toMatch(/error/i);
}

describe('stopping the platform', () => {
  it('SIGTERM: HTTP, worker and pools stop, exit code 0, a final "stopped" line', async () => {
    const { port, env } = await withDatabase({ EMULATOR: 'false', WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9', WHATSAPP_APP_SECRET: 'shutdown-secret' });
    const server = startServerProcess(env);
    const line = await server.waitForLine(started);
    expect(await answers(port)).toBe(true);
    // The summary says where photos and media go and that a file could be written there.
    expect((line as { startup?: { storage?: unknown } }).startup?.storage).toMatchObject({ kind: 'local', writable: true, location: expect.stringContaining('media') });
    server.child.kill('SIGTERM');
    const { code } = await server.exited;
    expect(code).toBe(0);
    expectCleanStop(server.lines, server.stderr, 'SIGTERM');
    expect(await answers(port)).toBe(false);
  }, 60_000);

  it('with the built-in emulator too (HTTP stays up until the worker has drained)', async () => {
    const { port, env } = await withDatabase();
    const server = startServerProcess(env);
    await server.waitForLine(started);
    server.child.kill('SIGINT');
    expect((await server.exited).code).toBe(0);
    expectCleanStop(server.lines, server.stderr, 'SIGINT');
    expect(await answers(port)).toBe(false);
  }, 60_000);

  it('SIGTERM waits for a job in flight (the worker drains); a second signal exits at once', async () => {
    // A Graph API that accepts connections and never answers: the reply to the customer's
    // message keeps its job running, so the first SIGTERM waits for it.
    const hanging = http.createServer(() => undefined);
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    const graphUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    const admin = 'shutdown-admin-token-0123456789';
    const { port, env } = await withDatabase({
      EMULATOR: 'false', WHATSAPP_GRAPH_URL: graphUrl, WHATSAPP_APP_SECRET: APP_SECRET, PLATFORM_ADMIN_TOKEN: admin,
      WHATSAPP_SEND_TIMEOUT_MS: '60000', WHATSAPP_MARK_READ: 'false',
    });
    const server = startServerProcess(env);
    try {
      await server.waitForLine(started);
      const phoneNumberId = newPhoneNumberId();
      const created = await fetch(`http://127.0.0.1:${port}/api/companies`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ slug: 'drena', name: 'Tienda que drena', channel: { phoneNumberId, accessToken: 'token-que-cuelga' } }),
      });
      expect(created.status).toBe(201);
      const sending = new Promise<void>((r) => hanging.once('request', () => r()));
      const { payload } = inboundPayload({ phoneNumberId, from: '5215512345678', message: { type: 'text', text: 'hola' } });
      expect((await postWebhook(`http://127.0.0.1:${port}`, payload)).status).toBe(200);
      await sending;
      server.child.kill('SIGTERM');
      await server.waitForLine((l) => l.msg === 'shutting down');
      // Still draining: the job waits for the Graph API.
      await new Promise((r) => setTimeout(r, 1500));
      expect(server.child.exitCode).toBeNull();
      server.child.kill('SIGTERM');
      const { code } = await server.exited;
      expect(code).toBe(1);
      expect(names(server.lines)).toContain('second stop request: exiting without finishing the shutdown');
      expect(names(server.lines)).not.toContain('stopped');
    } finally {
      server.child.kill('SIGKILL');
      hanging.closeAllConnections();
      hanging.close();
    }
  }, 60_000);

  it('when its npm parent gets SIGTERM or is killed outright, the server stops too', async () => {
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      const { port, env } = await withDatabase();
      const server = startServerProcess(env, NPM_START);
      await server.waitForLine(started);
      server.child.kill(signal);
      // The output pipe closes once the server itself has exited.
      await server.exited;
      expectCleanStop(server.lines, server.stderr, signal === 'SIGTERM' ? /exited|SIGTERM/ : /npm exited/);
      expect(await answers(port), signal).toBe(false);
    }
  }, 120_000);
});

describe('with the embedded PostgreSQL', () => {
  it('Ctrl-C stops the server and then PostgreSQL cleanly; killing npm stops both as well', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mostrador-embedded-'));
    dirs.push(dir);
    const pgPort = await freePort();
    const { port, env } = await baseEnv({ EMBEDDED_PG_DIR: path.join(dir, 'pg'), EMBEDDED_PG_PORT: String(pgPort) });
    const pgUrl = `postgres://postgres:postgres@127.0.0.1:${pgPort}/postgres`;

    // Ctrl-C: the terminal sends SIGINT to npm, its shell and the server at once, and npm
    // forwards it once more. PostgreSQL runs in its own process group and is stopped last.
    const first = startServerProcess(env, NPM_START);
    await first.waitForLine(started, 120_000);
    expect(await canConnect(pgUrl)).toBe(true);
    process.kill(-first.child.pid!, 'SIGINT');
    await first.exited;
    expectCleanStop(first.lines, first.stderr, 'SIGINT');
    expect(names(first.lines)).toContain('embedded PostgreSQL stopped');
    expect(await canConnect(pgUrl)).toBe(false);
    expect(await answers(port)).toBe(false);

    // npm killed with SIGKILL: nobody forwards anything; the server notices and stops both.
    const second = startServerProcess(env, NPM_START);
    await second.waitForLine(started, 120_000);
    second.child.kill('SIGKILL');
    await second.exited;
    expectCleanStop(second.lines, second.stderr, /npm exited/);
    expect(await canConnect(pgUrl)).toBe(false);
  }, 300_000);
});
