import type { Alerts } from '../../platform/alerts.ts';
import type { CompaniesService } from '../companies/index.ts';
import type { ProviderRegistry } from './provider-registry.ts';

/**
 * Start-up check of every active channel against its provider (Meta: the number answers
 * CONNECTED for its token; Twilio: the account answers for its Auth Token). The result is kept
 * on the channel (last_check_at / last_check_error); a failure raises an alert.
 */
export async function checkChannels(deps: { companies: CompaniesService; providers: ProviderRegistry; alerts: Alerts }): Promise<{ ok: number; failed: number }> {
  let ok = 0;
  let failed = 0;
  const fail = async (channelId: string, companyId: string, label: string, detail: string) => {
    failed++;
    await deps.companies.recordChannelCheck(channelId, detail);
    await deps.alerts.raise('channel_check', `WhatsApp number ${label} failed its check: ${detail}`, { companyId });
  };
  const { channels, unreadable } = await deps.companies.activeChannels();
  for (const u of unreadable) await fail(u.channelId, u.companyId, `${u.phoneNumberId} of ${u.slug}`, 'token cannot be decrypted with TOKEN_ENCRYPTION_KEY');
  for (const channel of channels) {
    const label = `${channel.phoneNumberId} of ${channel.company.slug}`;
    if (!deps.providers.has(channel.provider)) {
      await fail(channel.channelId, channel.company.id, label, `provider "${channel.provider}" is not available in this deployment`);
      continue;
    }
    const r = await deps.providers.for(channel).checkCredentials(channel);
    if (!r.ok) {
      await fail(channel.channelId, channel.company.id, label, r.detail);
      continue;
    }
    ok++;
    await deps.companies.recordChannelCheck(channel.channelId, null);
  }
  return { ok, failed };
}
