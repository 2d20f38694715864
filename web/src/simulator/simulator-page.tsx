// /simulador: chat with a company's assistant as a fake WhatsApp customer, through either provider.
// Messages go to the provider's emulator (`POST /_emulator/inbound` for Meta, `/_emulator/twilio/
// inbound` for Twilio), which signs and delivers them to the platform's webhook as that provider
// does; the assistant's answers come back over the emulator's stream.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ChatPhone } from './chat-phone.tsx';
import type { QuickAction } from './composer.tsx';
import { SettingsPanel, type CompaniesState } from './settings-panel.tsx';
import { loadCompanies, randomCustomerPhone, sendInbound } from './simulator-api.ts';
import { t } from './simulator.messages.ts';
import { useChatStream } from './use-chat-stream.ts';
import type { InboundRequest, Provider, ReplyChoice } from './wire-types.ts';

const STORAGE_KEY = 'mostrador.simulator';
type Saved = { provider?: Provider; slug?: string; phone?: string; name?: string };

function readSaved(): Saved {
  try {
    return JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '{}') as Saved;
  } catch {
    return {};
  }
}

const isValidPhone = (phone: string) => /^\d{8,15}$/.test(phone);

/** The value after it stopped changing for `ms` (typing a phone must not reopen the stream per digit). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function SimulatorPage() {
  const saved = useMemo(readSaved, []);
  const [companies, setCompanies] = useState<CompaniesState>({ status: 'loading' });
  const [provider, setProvider] = useState<Provider>(saved.provider === 'twilio' ? 'twilio' : 'meta');
  // /simulador?empresa=<slug> (the panel's "Prueba tu bot") opens on that company.
  const requested = useMemo(() => new URLSearchParams(window.location.search).get('empresa'), []);
  const [slug, setSlug] = useState(requested ?? saved.slug ?? '');
  const [phone, setPhone] = useState(saved.phone && isValidPhone(saved.phone) ? saved.phone : randomCustomerPhone());
  const [name, setName] = useState(saved.name ?? t.defaultProfileName);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const controller = new AbortController();
    loadCompanies(controller.signal)
      .then((result) => {
        const wanted = requested ? result.companies.find((c) => c.slug === requested) : undefined;
        if (wanted) setProvider(wanted.provider);
        setCompanies({ status: 'ready', ...result });
      })
      .catch(() => {
        if (!controller.signal.aborted) setCompanies({ status: 'error' });
      });
    return () => controller.abort();
  }, [requested]);

  // The company list shows the chosen provider's numbers; the choice stays valid when it changes.
  const offered = useMemo(
    () => (companies.status === 'ready' ? companies.companies.filter((c) => c.provider === provider) : []),
    [companies, provider],
  );
  useEffect(() => {
    if (companies.status !== 'ready') return;
    setSlug((current) => (offered.some((c) => c.slug === current) ? current : (offered[0]?.slug ?? '')));
  }, [companies.status, offered]);

  useEffect(() => {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ provider, slug, phone, name }));
  }, [provider, slug, phone, name]);

  useEffect(() => {
    document.title = `${t.pageTitle} · Mostrador`;
  }, []);

  const company = offered.find((c) => c.slug === slug);
  const phoneValid = isValidPhone(phone);
  const streamPhone = useDebounced(phone, 400);
  const chat = useChatStream(
    company,
    isValidPhone(streamPhone) && streamPhone === phone ? streamPhone : undefined,
  );

  const send = useCallback(
    (request: Omit<InboundRequest, 'from' | 'name'>) => {
      if (!company || !phoneValid) return;
      setError(undefined);
      sendInbound(company, {
        from: phone,
        name: name.trim() || t.defaultProfileName,
        ...request,
      }).catch(() => setError(t.sendFailed));
    },
    [company, phone, phoneValid, name],
  );

  const onQuickAction = useCallback(
    (action: QuickAction) => {
      if (action === 'location') send({ type: 'location', location: { ...t.presetLocation } });
      else send({ type: action });
    },
    [send],
  );

  return (
    <main className="flex min-h-dvh flex-col items-center gap-6 bg-gradient-to-b from-slate-100 to-slate-200 p-4 lg:flex-row lg:items-start lg:justify-center lg:gap-10 lg:p-8">
      <SettingsPanel
        companies={companies}
        provider={provider}
        offered={offered}
        onProvider={setProvider}
        slug={slug}
        phone={phone}
        phoneValid={phoneValid}
        name={name}
        onSlug={setSlug}
        onPhone={setPhone}
        onName={setName}
        onNewChat={() => {
          setError(undefined);
          setPhone(randomCustomerPhone());
        }}
      />
      <ChatPhone
        company={company}
        items={chat.items}
        typing={chat.typing}
        connected={chat.connected}
        error={error}
        onSendText={(text) => send({ type: 'text', text })}
        onReply={(choice: ReplyChoice) => send({ type: 'interactive', reply: choice })}
        onQuickAction={onQuickAction}
      />
    </main>
  );
}
