// HTTP calls of the simulator: companies from the app, customer messages to the emulator.
import type { Company, InboundRequest } from './wire-types.ts';

export const EMULATOR_BASE = '/_emulator';

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
      phoneNumberId: n.phoneNumberId,
      displayPhoneNumber: n.displayPhoneNumber,
    })),
  };
}

export async function sendInbound(request: InboundRequest): Promise<{ id: string; status: number }> {
  const res = await fetch(`${EMULATOR_BASE}/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (!res.ok) throw new Error(`inbound: HTTP ${res.status}`);
  return (await res.json()) as { id: string; status: number };
}

export function streamUrl(phoneNumberId: string, waId: string): string {
  const query = new URLSearchParams({ phone_number_id: phoneNumberId, wa_id: waId });
  return `${EMULATOR_BASE}/stream?${query.toString()}`;
}

/** A Mexican mobile in WhatsApp's format: 521 + 55 + 8 digits. */
export function randomCustomerPhone(): string {
  let digits = '';
  for (let i = 0; i < 8; i += 1) digits += String(Math.floor(Math.random() * 10));
  return `52155${digits}`;
}
