// The phone: chat header, the conversation and the composer, plus the list sheet on top.
import { useEffect, useRef, useState } from 'react';
import { BotMessage } from './bot-message.tsx';
import { Composer, type QuickAction } from './composer.tsx';
import { CustomerMessage } from './customer-message.tsx';
import { ListSheet } from './list-sheet.tsx';
import { t } from './simulator.messages.ts';
import type { ChatItem, Company, InteractiveWire, ReplyChoice } from './wire-types.ts';

type Props = {
  company: Company | undefined;
  items: ChatItem[];
  typing: boolean;
  connected: boolean;
  error: string | undefined;
  onSendText: (text: string) => void;
  onReply: (choice: ReplyChoice) => void;
  onQuickAction: (action: QuickAction) => void;
};

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

export function ChatPhone({ company, items, typing, connected, error, onSendText, onReply, onQuickAction }: Props) {
  const [sheet, setSheet] = useState<{ interactive: InteractiveWire; opener: HTMLElement } | undefined>();
  const endRef = useRef<HTMLLIElement>(null);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end', behavior: 'smooth' });
  }, [items.length, typing]);

  function closeSheet() {
    sheet?.opener.focus();
    setSheet(undefined);
  }

  const status = !company ? '' : typing ? t.typing : connected ? t.online : t.connecting;

  return (
    <section
      aria-label={company ? `${t.conversation}: ${company.name}` : t.conversation}
      className="relative flex h-[min(820px,calc(100dvh-2rem))] w-full max-w-[420px] flex-col overflow-hidden rounded-[2.2rem] border-[10px] border-slate-900 bg-white shadow-2xl"
    >
      <header className="flex items-center gap-3 bg-wa-green px-3 pt-3 pb-2.5 text-white">
        <div aria-hidden className="grid h-10 w-10 shrink-0 place-items-center rounded-full bg-white/20 text-[15px] font-semibold">
          {company ? initials(company.name) : '?'}
        </div>
        <div className="min-w-0 flex-1">
          <p className="truncate text-[16px] leading-tight font-medium">{company?.name ?? t.pageTitle}</p>
          <p className="truncate text-[12.5px] text-white/80" aria-live="polite">
            {status}
          </p>
        </div>
      </header>

      <div className="wa-wallpaper relative flex-1 overflow-y-auto px-3 py-3">
        {!company ? (
          <p className="mx-auto mt-8 max-w-64 rounded-lg bg-[#ffeecd] px-3 py-2 text-center text-[13px] text-slate-700 shadow-sm">
            {t.chooseCompanyFirst}
          </p>
        ) : (
          <ol role="log" aria-label={t.conversation} aria-live="polite" className="flex flex-col gap-1.5">
            {items.length === 0 && (
              <li className="mx-auto mt-6 rounded-lg bg-[#ffeecd] px-3 py-1.5 text-center text-[12.5px] text-slate-700 shadow-sm">
                {t.emptyChat}
              </li>
            )}
            {items.map((item) =>
              item.from === 'bot' ? (
                <BotMessage
                  key={item.id}
                  at={item.at}
                  message={item.message}
                  onReply={onReply}
                  onOpenList={(interactive, opener) => setSheet({ interactive, opener })}
                />
              ) : (
                <CustomerMessage key={item.id} item={item} />
              ),
            )}
            {typing && (
              <li className="flex" aria-hidden>
                <span className="flex gap-1 rounded-lg rounded-tl-none bg-white px-3 py-2.5 shadow-sm">
                  {[0, 150, 300].map((d) => (
                    <span key={d} className="h-2 w-2 animate-bounce rounded-full bg-wa-muted/60" style={{ animationDelay: `${d}ms` }} />
                  ))}
                </span>
              </li>
            )}
            <li ref={endRef} aria-hidden className="h-px" />
          </ol>
        )}
      </div>

      {error && (
        <p role="alert" className="bg-red-50 px-3 py-1.5 text-center text-[13px] text-red-800">
          {error}
        </p>
      )}

      <Composer disabled={!company} onSendText={onSendText} onQuickAction={onQuickAction} />

      {sheet && (
        <ListSheet
          interactive={sheet.interactive}
          onClose={closeSheet}
          onChoose={(choice) => {
            setSheet(undefined);
            onReply(choice);
          }}
        />
      )}
    </section>
  );
}
