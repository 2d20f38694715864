import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, newPhoneNumberId, startTestPlatform, waitFor } from '../helpers/platform.ts';
import type { Platform } from '../../src/composition.ts';

// A company created while the server runs — through the admin API or by `npm run company:create`
// in another process — answers at once in the simulator and the emulators: they look a number
// up again when they do not know it, instead of only at start-up.

let platform: Platform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.stop();
});

async function simulatorCompanies(): Promise<{ slug: string; provider: string; phoneNumberId: string }[]> {
  return (await fetch(`${platform.url}/api/simulator/companies`)).json() as Promise<{ slug: string; provider: string; phoneNumberId: string }[]>;
}

describe('a company created while the server runs', () => {
  it('through the API, on Meta: the simulator lists it and /_emulator/inbound reaches its bot at once', async () => {
    const slug = `nueva-${randomBytes(3).toString('hex')}`;
    const phoneNumberId = newPhoneNumberId();
    const created = await fetch(`${platform.url}/api/companies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug, name: 'Recién Creada', channel: { phoneNumberId, accessToken: 'token-recien-creada' } }),
    });
    expect(created.status).toBe(201);
    expect((await simulatorCompanies()).find((c) => c.slug === slug)).toMatchObject({ provider: 'meta', phoneNumberId });
    const res = await fetch(`${platform.url}/_emulator/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone_number_id: phoneNumberId, from: '5215511223344', type: 'text', text: 'hola' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: number }).status).toBe(200);
    await waitFor(async () => platform.emulator!.store.listOutbound({ phoneNumberId }).length > 0, 10_000, 'reply');
  });

  it('by npm run company:create in another process, on Twilio: /_emulator/twilio/inbound reaches its bot at once', async () => {
    const slug = `cli-${randomBytes(3).toString('hex')}`;
    const sender = `+1555${newPhoneNumberId().slice(-7)}`;
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/create-company.ts', '--slug', slug, '--name', 'Por Consola',
        '--provider', 'twilio', '--account-sid', `AC${randomBytes(16).toString('hex')}`, '--auth-token', randomBytes(16).toString('hex'),
        '--whatsapp-number', sender, '--content-sid', `nuevo_pedido=HX${randomBytes(16).toString('hex')}`], {
        env: { PATH: process.env.PATH ?? '', DOTENV_CONFIG_PATH: '/dev/null', DATABASE_URL: platform.pools.defaultUrl, TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32), LOG_LEVEL: 'warn', LOG_FORMAT: 'json', PUBLIC_URL: 'https://mostrador.example.com' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`https://mostrador\\.example\\.com/webhook/twilio/[0-9a-f-]{36}`));
    // The Auth Token is encrypted at rest, like Meta's tokens.
    const { rows } = await platform.pool.query(`SELECT provider, whatsapp_token, provider_settings FROM channels WHERE phone_number_id = $1`, [sender]);
    expect(rows[0]).toMatchObject({ provider: 'twilio', provider_settings: { accountSid: expect.stringMatching(/^AC/), contentSids: { nuevo_pedido: expect.stringMatching(/^HX/) } } });
    expect(rows[0].whatsapp_token).not.toMatch(/^[0-9a-f]{32}$/);

    expect((await simulatorCompanies()).find((c) => c.slug === slug)).toMatchObject({ provider: 'twilio', phoneNumberId: sender });
    const res = await fetch(`${platform.url}/_emulator/twilio/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: sender, from: '5215511223355', type: 'text', text: 'hola' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: number }).status).toBe(200);
    await waitFor(async () => platform.twilioEmulator!.store.listMessages({ from: sender }).length > 0, 10_000, 'reply');
  }, 60_000);
});
