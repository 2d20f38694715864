// The providers this deployment speaks, by `channels.provider`. The inbox jobs, the sender and the
// channel checks reach a provider only through here, never through its files.
import { Router } from 'express';
import type { ResolvedChannel } from '../companies/index.ts';
import type { InboundContent } from '../messages/index.ts';
import type { ChannelProvider } from './provider.ts';
import { isLegacyPayload, readNeutralMessage, readNeutralStatus, type StatusDetail } from './stored-events.ts';

export function createProviderRegistry(providers: ChannelProvider[]) {
  const byName = new Map<string, ChannelProvider>(providers.map((p) => [p.name, p]));
  const router = Router();
  for (const p of providers) router.use(p.router);

  function get(name: string): ChannelProvider {
    const provider = byName.get(name);
    if (!provider) throw new Error(`no channel provider "${name}" in this deployment`);
    return provider;
  }

  return {
    get,
    has: (name: string) => byName.has(name),
    /** The provider of a channel (its `channels.provider`). */
    for: (channel: Pick<ResolvedChannel, 'provider'>) => get(channel.provider),
    /** Every provider's webhook routes, mounted before any body parser (signatures need the raw bytes). */
    router,

    /** The neutral content of a stored inbox message, whichever version stored it. */
    readStoredMessage(provider: string, payload: unknown): InboundContent {
      if (isLegacyPayload(payload)) {
        const legacy = byName.get(provider)?.legacy;
        if (legacy) return legacy.message(payload);
      }
      return readNeutralMessage(payload) ?? { type: 'unsupported', detail: 'unreadable stored message' };
    },

    /** The row and error a stored status names, whichever version stored it. */
    readStoredStatus(provider: string, payload: unknown): StatusDetail {
      if (isLegacyPayload(payload)) {
        const legacy = byName.get(provider)?.legacy;
        return legacy ? legacy.status(payload) : {};
      }
      return readNeutralStatus(payload) ?? {};
    },
  };
}

export type ProviderRegistry = ReturnType<typeof createProviderRegistry>;
