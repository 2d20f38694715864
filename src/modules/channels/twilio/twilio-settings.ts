import { z } from 'zod';
import type { ResolvedChannel } from '../../companies/index.ts';

// What a Twilio channel keeps besides its sender (channels.phone_number_id, +E.164) and its Auth
// Token (encrypted in channels.whatsapp_token): channels.provider_settings.
export const twilioSettingsSchema = z.object({
  accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
  /** Sends go through this Messaging Service (its sender pool, its features) as well. */
  messagingServiceSid: z.string().regex(/^MG[0-9a-fA-F]{32}$/).optional(),
  /** Template name the company uses (adminOrderTemplate, statusUpdateTemplate) → Content SID (HX…). */
  contentSids: z.record(z.string(), z.string().regex(/^HX[0-9a-fA-F]{32}$/)).default({}),
});

export type TwilioSettings = z.infer<typeof twilioSettingsSchema>;

const parsed = new WeakMap<object, TwilioSettings | null>();

/** The channel's Twilio settings (parsed once per cached channel), or null when they are not valid. */
export function twilioSettingsOf(channel: Pick<ResolvedChannel, 'settings'>): TwilioSettings | null {
  const raw = channel.settings;
  if (typeof raw !== 'object' || raw === null) return null;
  let value = parsed.get(raw);
  if (value === undefined) {
    const result = twilioSettingsSchema.safeParse(raw);
    value = result.success ? result.data : null;
    parsed.set(raw, value);
  }
  return value;
}

/** `whatsapp:+14155238886` for a sender or a customer (wa_id digits or +E.164). */
export const whatsappAddress = (number: string) => `whatsapp:+${number.replace(/\D/g, '')}`;
