// HTTP calls of the simulator: companies from the app, customer messages to the emulator of the
// company's provider (Meta's Graph API emulator, or the Twilio emulator), the chat from its stream.
import type { Company, InboundRequest } from './wire-types.ts';

export const EMULATOR_BASE = '/_emulator';
const TWILIO_BASE = `${EMULATOR_BASE}/twilio`;

type EmulatorNumbers = { numbers: Array<{ phoneNumberId: string; displayPhoneNumber: string; verifiedName: string }> };

export type CompaniesResult = { companies: Company[]; fromEmulator: boolean };

/** The app's company list; falls back to the emulator's registered numbers (standalone emulator). */
export async function loadCompanies(signal: AbortSignal): Promise<CompaniesResult> {
  const res = await fetch('/api/simulator/companies', { signal, headers: { accept: 'application/json' } });
  if (res.ok) return { companies: (await res.json()) as Company[], fromEmulator: false };
  const fallback = await fetch(`${EMULATOR_BASE}/numbers`, { signal, headers: { accept: 'application/json' } });
  if (!fallback.ok) throw new Error(`companies: HTTP ${res.status}`);
  const { numbers } = (await fallback.json()) as EmulatorNumbers;
  return {
    fromEmulator: true,
    companies: numbers.map((n) => ({
      slug: n.phoneNumberId,
      name: n.verifiedName,
      provider: 'meta' as const,
      phoneNumberId: n.phoneNumberId,
      displayPhoneNumber: n.displayPhoneNumber,
    })),
  };
}

/**
 * A customer message: on Meta as the Graph emulator's request; on Twilio as the Twilio emulator's,
 * which posts it to the platform as Twilio's signed form (taps do not exist there: options are typed).
 */
export async function sendInbound(company: Company, request: InboundRequest): Promise<{ status: number }> {
  const twilio = company.provider === 'twilio';
  const body = twilio
    ? { to: company.phoneNumberId, from: request.from, name: request.name, type: request.type === 'interactive' ? 'text' : request.type, text: request.text ?? request.reply?.title, location: request.location }
    : { phone_number_id: company.phoneNumberId, ...request };
  const res = await fetch(`${twilio ? TWILIO_BASE : EMULATOR_BASE}/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`inbound: HTTP ${res.status}`);
  return (await res.json()) as { status: number };
}

export function streamUrl(company: Company, waId: string): string {
  if (company.provider === 'twilio') return `${TWILIO_BASE}/stream?${new URLSearchParams({ sender: company.phoneNumberId, wa_id: waId }).toString()}`;
  const query = new URLSearchParams({ phone_number_id: company.phoneNumberId, wa_id: waId });
  return `${EMULATOR_BASE}/stream?${query.toString()}`;
}

/** A Mexican mobile in WhatsApp's format: 521 + 55 + 8 digits. */
export function randomCustomerPhone(): string {
  let digits = '';
  for (let i = 0; i < 8; i += 1) digits += String(Math.floor(Math.random() * 10));
  return `52155${digits}`;
}
