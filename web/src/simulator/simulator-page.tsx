// /simulador: chat with a company's assistant as a fake WhatsApp customer. Messages go to the
// emulator (`POST /_emulator/inbound`), which signs and delivers them to the platform's webhook;
// the assistant's answers come back over `/_emulator/stream`.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ChatPhone } from './chat-phone.tsx';
import type { QuickAction } from './composer.tsx';
import { SettingsPanel, type CompaniesState } from './settings-panel.tsx';
import { loadCompanies, randomCustomerPhone, sendInbound } from './simulator-api.ts';
import { t } from './simulator.messages.ts';
import { useChatStream } from './use-chat-stream.ts';
import type { InboundRequest, ReplyChoice } from './wire-types.ts';

const STORAGE_KEY = 'mostrador.simulator';
type Saved = { slug?: string; phone?: string; name?: string };

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
  const [slug, setSlug] = useState(saved.slug ?? '');
  const [phone, setPhone] = useState(saved.phone && isValidPhone(saved.phone) ? saved.phone : randomCustomerPhone());
  const [name, setName] = useState(saved.name ?? t.defaultProfileName);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const controller = new AbortController();
    loadCompanies(controller.signal)
      .then((result) => {
        setCompanies({ status: 'ready', ...result });
        setSlug((current) =>
          result.companies.some((c) => c.slug === current) ? current : (result.companies[0]?.slug ?? ''),
        );
      })
      .catch(() => {
        if (!controller.signal.aborted) setCompanies({ status: 'error' });
      });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ slug, phone, name }));
  }, [slug, phone, name]);

  useEffect(() => {
    document.title = `${t.pageTitle} · Mostrador`;
  }, []);

  const company = companies.status === 'ready' ? companies.companies.find((c) => c.slug === slug) : undefined;
  const phoneValid = isValidPhone(phone);
  const streamPhone = useDebounced(phone, 400);
  const chat = useChatStream(
    company?.phoneNumberId,
    isValidPhone(streamPhone) && streamPhone === phone ? streamPhone : undefined,
  );

  const send = useCallback(
    (request: Omit<InboundRequest, 'phone_number_id' | 'from' | 'name'>) => {
      if (!company || !phoneValid) return;
      setError(undefined);
      sendInbound({
        phone_number_id: company.phoneNumberId,
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
